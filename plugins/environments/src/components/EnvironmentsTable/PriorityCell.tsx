import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import type { ApiEnvironment } from '../../api';
import { environmentsTranslationRef } from '../../translation';
import { OutlinedChip } from '../OutlinedChip';

/**
 * A preview's priority, marked when a full quota would stop it first; empty
 * for other modes, which never compete for preview slots.
 */
export function PriorityCell(props: {
  environment: ApiEnvironment;
  /** The system or team refs whose full quota would stop it first. */
  reclaimNextIn?: string[];
}) {
  const { environment, reclaimNextIn } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  if (environment.mode !== 'preview') {
    return null;
  }
  const { priority } = environment.policy;
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 4 }}>
      <span style={{ whiteSpace: 'nowrap' }}>{priority}</span>
      {reclaimNextIn && reclaimNextIn.length > 0 && (
        <Tooltip
          title={t('environmentsTable.reclaimNextTooltip', {
            quotas: reclaimNextIn.join(', '),
            priority: String(priority),
          })}
        >
          <span>
            <OutlinedChip
              label={t('environmentsTable.reclaimNext')}
              tone="warning"
            />
          </span>
        </Tooltip>
      )}
    </Box>
  );
}
