import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { ServiceTemplateLifecycle } from '@greenroom/plugin-environments-common';
import type { TemplateUpgradeStatus } from '../../api';

function outlined(color: string) {
  return { borderColor: color, color };
}

const useStyles = makeStyles(
  (theme: Theme) => ({
    chip: {
      margin: 0,
      fontWeight: theme.typography.fontWeightMedium as number,
    },
    deprecated: outlined(theme.palette.warning.dark),
    experimental: outlined(theme.palette.info.main),
    production: outlined(theme.palette.success.main),
    outdated: outlined(theme.palette.info.main),
    current: outlined(theme.palette.success.main),
  }),
  { name: 'GreenroomTemplateChips' },
);

/**
 * A template's lifecycle: deprecated in the warning colour, experimental in
 * the info colour, production in the success colour.
 */
export function LifecycleChip(props: {
  lifecycle: ServiceTemplateLifecycle | string;
}) {
  const { lifecycle } = props;
  const classes = useStyles();
  const colour = (classes as Record<string, string>)[lifecycle] ?? '';
  return (
    <Chip
      size="small"
      variant="outlined"
      label={lifecycle}
      className={`${classes.chip} ${colour}`}
      data-testid="lifecycle-chip"
    />
  );
}

/** Whether a service's template version is current, outdated or deprecated. */
export function UpgradeStatusChip(props: { status: TemplateUpgradeStatus }) {
  const { status } = props;
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      label={status}
      className={`${classes.chip} ${classes[status] ?? ''}`}
    />
  );
}
