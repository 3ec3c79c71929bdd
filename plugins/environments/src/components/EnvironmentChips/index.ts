export { BaseDownNote } from './BaseDownNote';
export { ModeChip } from './ModeChip';
export { ServicePhaseLabel } from './ServicePhaseLabel';
export { StatusLabel } from './StatusLabel';
