export { AddServiceDialog } from './AddServiceDialog';
export type { AddServiceDialogProps } from './AddServiceDialog';
export { AddServiceButton } from './AddServiceButton';
