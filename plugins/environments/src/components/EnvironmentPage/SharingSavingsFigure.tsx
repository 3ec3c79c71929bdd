import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { environmentsApiRef } from '../../api';
import { environmentsTranslationRef } from '../../translation';
import { formatCost } from '../CostsPage/costFormat';
import { CostFigure } from '../CostsPage/CostFigure';

/**
 * What sharing its base saved the environment since `from`, against a full
 * clone; nothing for an environment that shares no base (or while loading).
 */
export function SharingSavingsFigure(props: { name: string; from: string }) {
  const { name, from } = props;
  const api = useApi(environmentsApiRef);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { value } = useAsync(
    () => api.getSharingSavings(name, { from }),
    [api, name, from],
  );
  if (!value?.base) return null;
  return (
    <CostFigure
      label={t('environmentCostCard.sharingSaved')}
      value={formatCost(value.saved.total, value.currency)}
      caption={t('environmentCostCard.sharingSavedCaption', {
        count: value.services.length,
        base: value.base,
      })}
    />
  );
}
