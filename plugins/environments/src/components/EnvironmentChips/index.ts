export { ModeChip } from './ModeChip';
export { StatusLabel } from './StatusLabel';
