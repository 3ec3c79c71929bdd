import { StatusWarning } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  type ApiEnvironment,
  BASE_DOWN_ITEM,
} from '@greenroom/plugin-environments-common';
import Typography from '@material-ui/core/Typography';
import { environmentsTranslationRef } from '../../translation';

/**
 * Beside an environment's status: that the base it shares services with is
 * not serving (stopped, failing or destroyed), so those services do not
 * answer. Nothing when it shares no base or the base serves.
 */
export function BaseDownNote(props: {
  environment: Pick<ApiEnvironment, 'baseline' | 'sharing' | 'attention'>;
}) {
  const { baseline, sharing, attention } = props.environment;
  const { t } = useTranslationRef(environmentsTranslationRef);
  // The backend says when the base does not serve: its attention item.
  const down = attention.some(a => a.item.startsWith(`${BASE_DOWN_ITEM}:`));
  if (!baseline || !down) return null;
  const base = sharing?.base;
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
