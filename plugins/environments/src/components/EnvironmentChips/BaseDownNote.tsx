import { StatusWarning } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ApiEnvironment } from '@greenroom/plugin-environments-common';
import Typography from '@material-ui/core/Typography';
import { environmentsTranslationRef } from '../../translation';

const SERVING = new Set(['running', 'degraded']);

/**
 * Beside an environment's status: that the base it shares services with is
 * not serving (stopped, failing or destroyed), so those services do not
 * answer. Nothing when it shares no base or the base serves.
 */
export function BaseDownNote(props: {
  environment: Pick<ApiEnvironment, 'baseline' | 'sharing'>;
}) {
  const { baseline, sharing } = props.environment;
  const { t } = useTranslationRef(environmentsTranslationRef);
  if (!baseline || !sharing) return null;
  const base = sharing.base;
  if (base && (SERVING.has(base.status) || sharing.services.length === 0)) {
    return null;
  }
  return (
    <Typography variant="caption" component="div">
      <StatusWarning>
        {t('baseDownNote.text', {
          base: baseline.environment,
          status: base?.status ?? t('baseDownNote.destroyed'),
        })}
      </StatusWarning>
    </Typography>
  );
}
