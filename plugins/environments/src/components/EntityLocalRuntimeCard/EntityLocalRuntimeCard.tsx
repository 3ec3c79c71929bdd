import { compatWrapper } from '@backstage/core-compat-api';
import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { isLocalRuntimeEnvironment } from '../../lib/localRuntime';
import { environmentsTranslationRef } from '../../translation';

/**
 * On the overview of an Environment entity on the local runtime: says that
 * it is simulated, so nobody looks for its pods, events or logs. Renders
 * nothing for other entities.
 */
export function EntityLocalRuntimeCard() {
  const { entity } = useEntity();
  const { t } = useTranslationRef(environmentsTranslationRef);
  if (!isLocalRuntimeEnvironment(entity)) {
    return null;
  }
  return (
    <InfoCard title={t('localRuntimeCard.title')}>
      <Typography variant="body2">
        {t('localRuntimeCard.description')}
      </Typography>
    </InfoCard>
  );
}

/** {@link EntityLocalRuntimeCard} for legacy apps. */
export function LegacyEntityLocalRuntimeCard() {
  return compatWrapper(<EntityLocalRuntimeCard />);
}
