import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Alert from '@material-ui/lab/Alert';
import type { ApiEnvironment } from '../../api';
import { formatElapsed } from '../../lib/format';
import { environmentsTranslationRef } from '../../translation';

/**
 * Says that the runtime stopped answering, so the services' status on the
 * page is as last seen; nothing while observing works.
 */
export function ObservationHealthNotice(props: {
  environment: ApiEnvironment;
}) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const observation = props.environment.observation;
  if (!observation || observation.failures === 0) {
    return null;
  }
  const { failures, observedAt, lastError } = observation;
  const elapsed = formatElapsed(observedAt);
  return (
    <Alert severity="info" data-testid="observation-health">
      {observedAt && elapsed
        ? t('observationHealth.failingSince', {
            elapsed,
            time: new Date(observedAt).toLocaleString(),
            count: failures,
          })
        : t('observationHealth.failingNever', { count: failures })}
      {lastError && (
        <div>{t('observationHealth.lastError', { error: lastError })}</div>
      )}
    </Alert>
  );
}
