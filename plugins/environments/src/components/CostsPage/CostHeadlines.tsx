import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import type { ApiSharingSavingsTotals } from '@greenroom/plugin-environments-common';
import type { CostSummaryResponse } from '../../api';
import { environmentsTranslationRef } from '../../translation';
import {
  formatChange,
  formatCost,
  formatHours,
  formatShare,
  idleShare,
} from './costFormat';
import { CostFigure } from './CostFigure';
import { SavingsFigure } from './SavingsFigure';

/**
 * The headline figures of the costs page: this month against last, the
 * projected month, and the idle waste and savings of the selected window
 * (from auto-stop, and from sharing a base when environments do).
 */
export function CostHeadlines(props: {
  current?: CostSummaryResponse;
  previous?: CostSummaryResponse;
  selected: CostSummaryResponse;
  /** How captions name the selected window, e.g. "last month". */
  period: string;
  /** What sharing a base saved over the selected window. */
  sharing?: ApiSharingSavingsTotals;
}) {
  const { current, previous, selected, period, sharing } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const currency = selected.currency;
  const change =
    current && previous
      ? formatChange(current.totals.total, previous.totals.total)
      : undefined;
  const { totals } = selected;
  const share = formatShare(idleShare(totals));
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6} md>
        <CostFigure
          label={t('costHeadlines.thisMonth')}
          value={current ? formatCost(current.totals.total, currency) : '…'}
          caption={
            change ? t('costHeadlines.versusLastMonth', { change }) : undefined
          }
        />
      </Grid>
      <Grid item xs={12} sm={6} md>
        <CostFigure
          label={t('costHeadlines.lastMonth')}
          value={previous ? formatCost(previous.totals.total, currency) : '…'}
        />
      </Grid>
      <Grid item xs={12} sm={6} md>
        <CostFigure
          label={t('costHeadlines.projectedMonth')}
          value={
            current?.projectedMonth !== undefined
              ? formatCost(current.projectedMonth, currency)
              : t('common.none')
          }
          caption={t('costHeadlines.projectedMonthCaption')}
        />
      </Grid>
      <Grid item xs={12} sm={6} md>
        <CostFigure
          label={t('costHeadlines.idleWaste')}
          value={formatCost(totals.idle, currency)}
          caption={
            totals.idleHours !== undefined
              ? t('costHeadlines.idleWasteCaptionWithHours', {
                  share,
                  period,
                  hours: formatHours(totals.idleHours),
                })
              : t('costHeadlines.idleWasteCaption', { share, period })
          }
        />
      </Grid>
      <Grid item xs={12} sm={6} md>
        <SavingsFigure
          amount={totals.savings}
          currency={currency}
          period={period}
        />
      </Grid>
      {sharing && sharing.environments.length > 0 && (
        <Grid item xs={12} sm={6} md>
          <CostFigure
            label={t('costHeadlines.sharingSaved')}
            value={formatCost(sharing.saved.total, sharing.currency)}
            caption={t('costHeadlines.sharingSavedCaption', {
              count: sharing.environments.length,
              period,
            })}
          />
        </Grid>
      )}
    </Grid>
  );
}
