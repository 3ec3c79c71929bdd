import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { environmentsTranslationRef } from '../../translation';
import { formatCost } from './costFormat';
import { CostFigure } from './CostFigure';

/** The headline figure of what auto-stop saved, over `period` when named. */
export function SavingsFigure(props: {
  amount: number;
  currency: string;
  /** How captions name the window, e.g. "last month". */
  period?: string;
}) {
  const { amount, currency, period } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <CostFigure
      label={t('costHeadlines.savings')}
      value={formatCost(amount, currency)}
      caption={
        period
          ? t('costHeadlines.savingsCaptionOfPeriod', { period })
          : t('costHeadlines.savingsCaption')
      }
    />
  );
}
