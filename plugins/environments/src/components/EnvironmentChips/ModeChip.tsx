import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { EnvironmentMode } from '@greenroom/plugin-environments-common';

function modeStyle(color: string) {
  return { borderColor: color, color };
}

const useStyles = makeStyles(
  (theme: Theme) => ({
    chip: {
      margin: 0,
      fontWeight: theme.typography.fontWeightMedium as number,
    },
    production: modeStyle(theme.palette.error.main),
    staging: modeStyle(theme.palette.warning.main),
    development: modeStyle(theme.palette.info.main),
    preview: modeStyle(theme.palette.secondary.main),
  }),
  { name: 'GreenroomModeChip' },
);

/** A small outlined chip naming an environment's mode, colored by mode. */
export function ModeChip(props: { mode: EnvironmentMode }) {
  const { mode } = props;
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      label={mode}
      className={`${classes.chip} ${classes[mode] ?? ''}`}
    />
  );
}
