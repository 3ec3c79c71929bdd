import type { EnvironmentMode } from '@greenroom/plugin-environments-common';
import { ChipTone, OutlinedChip } from '../OutlinedChip';

const MODE_TONES: Record<EnvironmentMode, ChipTone> = {
  production: 'error',
  staging: 'warning',
  development: 'info',
  preview: 'secondary',
};

/** A small outlined chip naming an environment's mode, colored by mode. */
export function ModeChip(props: { mode: EnvironmentMode }) {
  const { mode } = props;
  return <OutlinedChip label={mode} tone={MODE_TONES[mode]} />;
}
