export { OutlinedChip } from './OutlinedChip';
export type { ChipTone } from './OutlinedChip';
