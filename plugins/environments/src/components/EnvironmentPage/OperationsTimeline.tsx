import {
  InfoCard,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import Timeline from '@material-ui/lab/Timeline';
import TimelineConnector from '@material-ui/lab/TimelineConnector';
import TimelineContent from '@material-ui/lab/TimelineContent';
import TimelineDot from '@material-ui/lab/TimelineDot';
import TimelineItem from '@material-ui/lab/TimelineItem';
import TimelineSeparator from '@material-ui/lab/TimelineSeparator';
import type {
  Operation,
  OperationStatus,
  OperationStep,
} from '@greenroom/plugin-environments-common';
import { ComponentType, ReactNode, useState } from 'react';
import { formatRelativeTime } from '../../lib/format';
import { RequesterLink } from './RequesterLink';

/** How many operations show before "Show older". */
const VISIBLE_OPERATIONS = 10;

const STATUS_COMPONENTS: Record<
  OperationStatus,
  ComponentType<{ children?: ReactNode }>
> = {
  queued: StatusPending,
  running: StatusRunning,
  succeeded: StatusOK,
  failed: StatusError,
  cancelled: StatusAborted,
};

const DOT_COLORS: Record<OperationStatus, 'grey' | 'primary' | 'secondary'> = {
  queued: 'grey',
  running: 'primary',
  succeeded: 'primary',
  failed: 'secondary',
  cancelled: 'grey',
};

/** `stop` → `Stop`. */
const TYPE_LABELS: Record<Operation['type'], string> = {
  create: 'Create',
  clone: 'Clone',
  update: 'Update',
  stop: 'Stop',
  start: 'Start',
  destroy: 'Destroy',
  extend: 'Extend',
};

const useStyles = makeStyles(theme => ({
  timeline: {
    margin: 0,
    padding: 0,
  },
  // Without opposite content the timeline hugs the left edge.
  item: {
    '&:before': {
      display: 'none',
    },
  },
  steps: {
    listStyle: 'none',
    margin: theme.spacing(0.5, 0, 0, 0),
    padding: 0,
  },
  step: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1),
  },
  stepTimes: {
    color: theme.palette.text.secondary,
    fontVariantNumeric: 'tabular-nums',
  },
}));

export function OperationStatusLabel(props: { status: OperationStatus }) {
  const Status = STATUS_COMPONENTS[props.status] ?? StatusPending;
  return <Status>{props.status}</Status>;
}

function clock(iso: string | undefined): string | undefined {
  if (!iso) {
    return undefined;
  }
  const time = new Date(iso);
  return Number.isNaN(time.getTime())
    ? undefined
    : time.toLocaleTimeString(undefined, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
}

function StepTimes(props: { step: OperationStep }) {
  const classes = useStyles();
  const started = clock(props.step.startedAt);
  const finished = clock(props.step.finishedAt);
  if (!started) {
    return null;
  }
  return (
    <Typography variant="caption" className={classes.stepTimes}>
      <time dateTime={props.step.startedAt}>{started}</time>
      {finished && (
        <>
          {' – '}
          <time dateTime={props.step.finishedAt}>{finished}</time>
        </>
      )}
    </Typography>
  );
}

function OperationItem(props: { operation: Operation; last: boolean }) {
  const { operation, last } = props;
  const classes = useStyles();
  const created = formatRelativeTime(operation.createdAt);
  return (
    <TimelineItem
      className={classes.item}
      data-testid={`operation-${operation.id}`}
    >
      <TimelineSeparator>
        <TimelineDot
          color={DOT_COLORS[operation.status]}
          variant={operation.status === 'queued' ? 'outlined' : 'default'}
        />
        {!last && <TimelineConnector />}
      </TimelineSeparator>
      <TimelineContent>
        <Box display="flex" flexWrap="wrap" alignItems="baseline" mb={0.5}>
          <Box mr={1}>
            <Typography variant="subtitle2" component="span">
              {TYPE_LABELS[operation.type] ?? operation.type}
            </Typography>
          </Box>
          <OperationStatusLabel status={operation.status} />
        </Box>
        <Typography variant="caption" color="textSecondary" component="div">
          requested by <RequesterLink requester={operation.requestedBy} />
          {created && (
            <>
              {' · '}
              <Tooltip title={new Date(operation.createdAt).toLocaleString()}>
                <span>{created}</span>
              </Tooltip>
            </>
          )}
        </Typography>
        {operation.steps.length > 0 && (
          <ul className={classes.steps} aria-label="Steps">
            {operation.steps.map(step => (
              <li key={step.name} className={classes.step}>
                <Typography variant="body2" component="span">
                  {step.name}
                </Typography>
                <OperationStatusLabel status={step.status} />
                <StepTimes step={step} />
                {step.message && (
                  <Typography variant="caption" color="textSecondary">
                    {step.message}
                  </Typography>
                )}
              </li>
            ))}
          </ul>
        )}
        {operation.status === 'failed' && (
          <Box mt={1}>
            <Alert severity="error">
              {operation.error ?? 'The operation failed without a message.'}
            </Alert>
          </Box>
        )}
      </TimelineContent>
    </TimelineItem>
  );
}

/**
 * Every change to the environment, newest first, with its steps. The page
 * polls while one is queued or running, so this updates live.
 */
export function OperationsTimeline(props: {
  operations: Operation[];
  /** Shown while polling. */
  live?: boolean;
  /** Why live updates failed, if they did. */
  refreshError?: Error;
}) {
  const { operations, live, refreshError } = props;
  const classes = useStyles();
  const [showAll, setShowAll] = useState(false);
  const visible = showAll
    ? operations
    : operations.slice(0, VISIBLE_OPERATIONS);

  return (
    <InfoCard
      titleTypographyProps={{ component: 'h2' }}
      title="Operations"
      subheader={live ? 'In progress, updating live' : undefined}
    >
      {refreshError && (
        <Box mb={2}>
          <Alert severity="warning">
            Could not refresh: {refreshError.message}
            {live ? '. Trying again.' : '.'}
          </Alert>
        </Box>
      )}
      {operations.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No operations yet. Every change to this environment shows here with
          its progress.
        </Typography>
      ) : (
        <Timeline className={classes.timeline} aria-label="Operations">
          {visible.map((operation, index) => (
            <OperationItem
              key={operation.id}
              operation={operation}
              last={index === visible.length - 1}
            />
          ))}
        </Timeline>
      )}
      {!showAll && operations.length > VISIBLE_OPERATIONS && (
        <Button size="small" onClick={() => setShowAll(true)}>
          Show {operations.length - VISIBLE_OPERATIONS} older
        </Button>
      )}
    </InfoCard>
  );
}
