import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  ClonePlan,
  CloneDiffEntry,
} from '@greenroom/plugin-environments-common';
import type { ReactNode } from 'react';
import { groupCloneDiff } from '../../lib/clone';
import { environmentsTranslationRef } from '../../translation';
import { describeAttentionItem } from './AttentionBanner';
import { CloneDataStepItem } from './CloneDataStepItem';

const useStyles = makeStyles(theme => ({
  list: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
  },
  section: {
    marginTop: theme.spacing(2),
  },
}));

/** A titled list of the plan, with how many items it has. */
function PlanSection(props: {
  title: string;
  testId: string;
  count: number;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <section className={classes.section} data-testid={props.testId}>
      <Typography variant="subtitle2" component="h3">
        {props.title} ({props.count})
      </Typography>
      <ul className={classes.list}>{props.children}</ul>
    </section>
  );
}

function DiffSection(props: {
  title: string;
  testId: string;
  items: string[];
}) {
  if (props.items.length === 0) {
    return null;
  }
  return (
    <PlanSection
      title={props.title}
      testId={props.testId}
      count={props.items.length}
    >
      {props.items.map((text, index) => (
        <li key={index}>
          <Typography variant="body2" component="span">
            {text}
          </Typography>
        </li>
      ))}
    </PlanSection>
  );
}

function withReason(text: string, reason?: string) {
  return reason ? `${text} (${reason})` : text;
}

function describeChange(entry: CloneDiffEntry): string {
  return withReason(
    `${entry.path}: ${entry.from ?? '—'} → ${entry.to ?? '—'}`,
    entry.reason,
  );
}

function describeCopy(entry: CloneDiffEntry): string {
  return withReason(
    entry.to ? `${entry.path}: ${entry.to}` : entry.path,
    entry.reason,
  );
}

/**
 * The dry run, readably: what changes, needs attention, happens to each
 * database, is shared with the source, is left out and copied.
 */
export function ClonePlanView(props: { plan: ClonePlan; source: string }) {
  const { plan, source } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const groups = groupCloneDiff(plan.diff);
  return (
    <Box>
      <DiffSection
        title={t('clonePlan.changed')}
        testId="clone-diff-changed"
        items={groups.changed.map(describeChange)}
      />
      <DiffSection
        title={t('clonePlan.attention')}
        testId="clone-diff-attention"
        items={plan.attention.map(({ item, reason }) =>
          withReason(describeAttentionItem(item), reason),
        )}
      />
      {plan.data.length > 0 && (
        <PlanSection
          title={t('clonePlan.data')}
          testId="clone-diff-data"
          count={plan.data.length}
        >
          {plan.data.map(step => (
            <CloneDataStepItem key={step.service} step={step} />
          ))}
        </PlanSection>
      )}
      <DiffSection
        title={t('clonePlan.shared', { source })}
        testId="clone-diff-shared"
        items={groups.shared.map(entry =>
          t('clonePlan.sharedService', {
            service: entry.path.replace(/^services\./, ''),
            host: entry.to ?? '',
          }),
        )}
      />
      <DiffSection
        title={t('clonePlan.dropped')}
        testId="clone-diff-dropped"
        items={groups.dropped.map(entry =>
          withReason(entry.path, entry.reason),
        )}
      />
      <DiffSection
        title={t('clonePlan.copied')}
        testId="clone-diff-copied"
        items={groups.copied.map(describeCopy)}
      />
    </Box>
  );
}
