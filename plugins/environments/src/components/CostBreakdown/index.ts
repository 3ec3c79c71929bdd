export { CostBreakdownButton } from './CostBreakdownButton';
export { CostBreakdownDialog } from './CostBreakdownDialog';
export { CostGroupBreakdownDialog } from './CostGroupBreakdownDialog';
