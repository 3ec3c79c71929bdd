import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { hoursInUtcMonth } from '@greenroom/plugin-environments-common';
import type { ApiSharingSavingsTotals } from '@greenroom/plugin-environments-common';
import type { CostSummaryResponse } from '../../api';
import { environmentsTranslationRef } from '../../translation';
import { formatCost } from './costFormat';
import { CostRates } from './CostRatesPanel';

const HOUR_MS = 60 * 60 * 1000;

/** Hours of `[from, to)`, to one decimal. */
function hoursBetween(from: string, to: string): string {
  return (
    Math.round(((Date.parse(to) - Date.parse(from)) / HOUR_MS) * 10) / 10
  ).toString();
}

/**
 * How the headline figures were computed: what each adds up, the
 * projection's arithmetic, and the rates with their source. An
 * environment's own figure opens its intervals from the table.
 */
export function HeadlinesExplained(props: {
  selected: CostSummaryResponse;
  current?: CostSummaryResponse;
  /** How captions name the selected window, e.g. "last month". */
  period: string;
  /** What sharing a base saved over the selected window, when shown. */
  sharing?: ApiSharingSavingsTotals;
}) {
  const { selected, current, period, sharing } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const [open, setOpen] = useState(false);
  const money = (amount: number) => formatCost(amount, selected.currency);
  return (
    <>
      <Button size="small" color="primary" onClick={() => setOpen(true)}>
        {t('headlinesExplained.open')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="md">
        <DialogTitle>{t('headlinesExplained.title')}</DialogTitle>
        <DialogContent>
          <Typography paragraph>
            {t('headlinesExplained.total', {
              total: money(selected.totals.total),
              period,
              count: selected.rowCount ?? selected.rows.length,
            })}
          </Typography>
          {current?.projectedMonth !== undefined && (
            <Typography paragraph>
              {t('headlinesExplained.projected', {
                soFar: money(current.totals.total),
                hours: hoursBetween(current.from, current.to),
                monthHours: String(hoursInUtcMonth(new Date(current.from))),
                projected: money(current.projectedMonth),
              })}
            </Typography>
          )}
          <Typography paragraph>
            {t('headlinesExplained.idle', {
              idle: money(selected.totals.idle),
            })}
          </Typography>
          <Typography paragraph>
            {t('headlinesExplained.savings', {
              savings: money(selected.totals.savings),
            })}
          </Typography>
          {sharing && sharing.environments.length > 0 && (
            <Typography paragraph>
              {t('headlinesExplained.sharing', {
                saved: formatCost(sharing.saved.total, sharing.currency),
                count: sharing.environments.length,
              })}
            </Typography>
          )}
          <CostRates
            rates={selected.rates}
            unpricedInstanceClasses={selected.unpricedInstanceClasses}
            source={selected.source}
            sourceFallbackDays={selected.sourceFallbackDays}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>
            {t('headlinesExplained.close')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
