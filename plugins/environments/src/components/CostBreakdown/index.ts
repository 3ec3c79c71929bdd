export { CostBreakdownButton } from './CostBreakdownButton';
export { CostBreakdownDialog } from './CostBreakdownDialog';
