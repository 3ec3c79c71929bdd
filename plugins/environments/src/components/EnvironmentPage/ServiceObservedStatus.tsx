import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { ApiService } from '../../api';
import { formatElapsed, formatRelativeTime } from '../../lib/format';
import { environmentsTranslationRef } from '../../translation';
import { ServicePhaseLabel } from '../EnvironmentChips';

/**
 * What the runtime last saw of a service: its phase with ready replicas, how
 * long it has been so, and for one that fails or waits, the problem in words.
 */
export function ServiceObservedStatus(props: { service: ApiService }) {
  const { observed, name } = props.service;
  const { t } = useTranslationRef(environmentsTranslationRef);

  if (!observed) {
    return (
      <Tooltip title={t('serviceStatus.notObservedHelp')}>
        <Typography variant="body2" color="textSecondary" component="span">
          {t('serviceStatus.notObserved')}
        </Typography>
      </Tooltip>
    );
  }

  const { phase, replicas, problem, lastTransitionAt, observedAt } = observed;
  const elapsed = formatElapsed(lastTransitionAt);
  const showProblem = problem && (phase === 'failed' || phase === 'pending');
  return (
    <div data-testid={`service-status-${name}`}>
      <ServicePhaseLabel phase={phase} />
      {replicas && (
        <Typography variant="caption" color="textSecondary">
          {' '}
          {t('serviceStatus.replicas', {
            ready: String(replicas.ready),
            desired: String(replicas.desired),
          })}
        </Typography>
      )}
      {elapsed && (
        <Tooltip
          title={t('serviceStatus.observedAt', {
            time: new Date(lastTransitionAt).toLocaleString(),
            observed: formatRelativeTime(observedAt) ?? observedAt,
          })}
        >
          <Typography variant="caption" component="div" color="textSecondary">
            {t(`serviceStatus.since.${phase}`, { elapsed })}
          </Typography>
        </Tooltip>
      )}
      {showProblem && (
        <Typography
          variant="caption"
          component="div"
          color={phase === 'failed' ? 'error' : 'textSecondary'}
        >
          {problem}
        </Typography>
      )}
    </div>
  );
}
