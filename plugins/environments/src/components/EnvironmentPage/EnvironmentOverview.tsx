import { InfoCard, Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import InfoOutlinedIcon from '@material-ui/icons/InfoOutlined';
import type { ReactNode } from 'react';
import type { ApiEnvironment } from '../../api';
import { formatRelativeTime, formatRuntime } from '../../lib/format';
import { environmentsTranslationRef } from '../../translation';
import { BaseDownNote, ModeChip, StatusLabel } from '../EnvironmentChips';
import { EnvironmentLinks } from './EnvironmentLink';
import { RequesterLink } from './RequesterLink';

const useStyles = makeStyles(theme => ({
  label: {
    color: theme.palette.text.secondary,
    textTransform: 'uppercase',
    fontSize: '10px',
    fontWeight: 'bold',
    letterSpacing: 0.5,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  },
  value: {
    overflowWrap: 'anywhere',
  },
  inlineIcon: {
    fontSize: 16,
    verticalAlign: 'text-bottom',
    marginLeft: theme.spacing(0.5),
  },
}));

/** What the local runtime is, for the runtime tooltip and caption. */
export const SIMULATED_RUNTIME_EXPLANATION =
  'The built-in local runtime deploys nothing: it records what it would do and reports the services as running after a short delay. Use a real runtime, such as kubernetes, to deploy.';

/** A labelled value of the overview, like the catalog's About card. */
function Field(props: { label: string; children: ReactNode; md?: 3 | 4 | 6 }) {
  const classes = useStyles();
  return (
    <Grid item xs={12} sm={6} md={props.md ?? 4}>
      <Typography variant="h2" className={classes.label}>
        {props.label}
      </Typography>
      <Typography variant="body2" component="div" className={classes.value}>
        {props.children}
      </Typography>
    </Grid>
  );
}

function Time(props: { iso?: string; none: string }) {
  const text = formatRelativeTime(props.iso);
  if (!props.iso || !text) {
    return <>{props.none}</>;
  }
  return (
    <Tooltip title={new Date(props.iso).toLocaleString()}>
      <span>{text}</span>
    </Tooltip>
  );
}

function Runtime(props: { runtime: ApiEnvironment['runtime'] }) {
  const classes = useStyles();
  const label = formatRuntime(props.runtime);
  if (props.runtime.type !== 'local') {
    return <>{label}</>;
  }
  return (
    <>
      <Tooltip title={SIMULATED_RUNTIME_EXPLANATION}>
        <span>
          {label}
          <InfoOutlinedIcon
            className={classes.inlineIcon}
            aria-label="About the local runtime"
          />
        </span>
      </Tooltip>
      <Typography variant="caption" component="div" color="textSecondary">
        Nothing is really deployed.
      </Typography>
    </>
  );
}

function Origin(props: { environment: ApiEnvironment }) {
  const { origin, createdBy } = props.environment;
  switch (origin.type) {
    case 'preview': {
      const pr = origin.pullRequest;
      if (!pr) {
        return <>Pull request preview</>;
      }
      return (
        <>
          Preview of{' '}
          <Link to={pr.url} target="_blank" rel="noopener noreferrer">
            {pr.repository}#{pr.number}
          </Link>
          <Typography variant="caption" component="div" color="textSecondary">
            branch {pr.branch}
          </Typography>
        </>
      );
    }
    case 'clone':
      return (
        <>
          Cloned by <RequesterLink requester={createdBy} />
        </>
      );
    case 'seed':
      return <>Seeded by Greenroom</>;
    default:
      return (
        <>
          Created by <RequesterLink requester={createdBy} />
        </>
      );
  }
}

function Status(props: { environment: ApiEnvironment }) {
  const { status, desiredState } = props.environment;
  const settled =
    (desiredState === 'running' &&
      (status === 'running' || status === 'degraded' || status === 'failed')) ||
    (desiredState === 'stopped' && status === 'stopped') ||
    (desiredState === 'deleted' && status === 'deleted');
  return (
    <>
      <StatusLabel status={status} />
      <BaseDownNote environment={props.environment} />
      {!settled && (
        <Typography variant="caption" component="div" color="textSecondary">
          {desiredState === 'deleted'
            ? 'being destroyed'
            : `on its way to ${desiredState}`}
        </Typography>
      )}
    </>
  );
}

/**
 * The facts of an environment: mode, status, owner, system, runtime, times,
 * origin, and the environments that share its services.
 */
export function EnvironmentOverview(props: { environment: ApiEnvironment }) {
  const { environment } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const sharedWith = environment.sharedWith ?? [];
  return (
    <InfoCard titleTypographyProps={{ component: 'h2' }} title="Overview">
      <Grid container spacing={3}>
        <Field label="Name">
          <code>{environment.name}</code>
        </Field>
        <Field label="Mode">
          <ModeChip mode={environment.mode} />
        </Field>
        <Field label="Status">
          <Status environment={environment} />
        </Field>
        <Field label="Owner">
          <EntityRefLink entityRef={environment.owner} defaultKind="group" />
        </Field>
        <Field label="System">
          <EntityRefLink entityRef={environment.system} defaultKind="system" />
        </Field>
        <Field label="Runtime">
          <Runtime runtime={environment.runtime} />
        </Field>
        <Field label="Expires">
          <Time iso={environment.expiresAt} none="never" />
        </Field>
        <Field label="Last activity">
          <Time iso={environment.lastActivityAt} none="—" />
        </Field>
        <Field label="Origin">
          <Origin environment={environment} />
        </Field>
        {sharedWith.length > 0 && (
          <Field label={t('environmentOverview.sharedBy')}>
            <EnvironmentLinks names={sharedWith} />
          </Field>
        )}
      </Grid>
    </InfoCard>
  );
}
