import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ReactNode } from 'react';
import { environmentsTranslationRef } from '../../translation';
import { formatCost } from './costFormat';
import { CostFigure } from './CostFigure';

/** The headline figure of what auto-stop saved, over `period` when named. */
export function SavingsFigure(props: {
  amount: number;
  currency: string;
  /** How captions name the window, e.g. "last month". */
  period?: string;
  /** Shows the formatted amount otherwise, e.g. as a link that explains it. */
  renderValue?: (figure: string) => ReactNode;
}) {
  const { amount, currency, period, renderValue } = props;
  const figure = formatCost(amount, currency);
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <CostFigure
      label={t('costHeadlines.savings')}
      value={renderValue ? renderValue(figure) : figure}
      caption={
        period
          ? t('costHeadlines.savingsCaptionOfPeriod', { period })
          : t('costHeadlines.savingsCaption')
      }
    />
  );
}
