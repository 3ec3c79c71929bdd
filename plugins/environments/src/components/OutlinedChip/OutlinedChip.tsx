import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';

function outlined(color: string) {
  return { borderColor: color, color };
}

const useStyles = makeStyles(
  (theme: Theme) => ({
    chip: {
      margin: 0,
      fontWeight: theme.typography.fontWeightMedium as number,
    },
    error: outlined(theme.palette.error.main),
    warning: outlined(theme.palette.warning.main),
    warningDark: outlined(theme.palette.warning.dark),
    info: outlined(theme.palette.info.main),
    success: outlined(theme.palette.success.main),
    secondary: outlined(theme.palette.secondary.main),
  }),
  { name: 'GreenroomOutlinedChip' },
);

/** The theme colours a chip can take. */
export type ChipTone = Exclude<keyof ReturnType<typeof useStyles>, 'chip'>;

/**
 * A small outlined chip for a short state word (a mode, a lifecycle), in the
 * theme colour of its tone; uncoloured without one.
 */
export function OutlinedChip(props: {
  label: string;
  tone?: ChipTone;
  'data-testid'?: string;
}) {
  const { label, tone } = props;
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      label={label}
      className={tone ? `${classes.chip} ${classes[tone]}` : classes.chip}
      data-testid={props['data-testid']}
    />
  );
}
