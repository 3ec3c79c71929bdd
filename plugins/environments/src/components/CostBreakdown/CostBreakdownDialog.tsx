import { EmptyState, Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  type ApiCostBreakdown,
  formatDuration,
} from '@greenroom/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { environmentsTranslationRef } from '../../translation';
import {
  formatCost,
  formatRate,
  formatUtcMinute,
} from '../CostsPage/costFormat';
import { CostRates } from '../CostsPage/CostRatesPanel';
import { ErrorWithRetry } from '../ListStates';
import { SmallTable } from '../SmallTable';
import { formatFormulaHours, formulaTerms } from './breakdownFormula';

const useStyles = makeStyles({
  // Words break between words, never inside them (the table scrolls instead).
  table: { '& td, & th': { wordBreak: 'normal', overflowWrap: 'normal' } },
  // Times, hours and amounts read best on one line.
  nowrap: { whiteSpace: 'nowrap' },
  reported: { marginBottom: 16 },
});

type Interval = ApiCostBreakdown['intervals'][number];

/** Cores, memory, storage and class an interval reserved, leaving out what it did not. */
function ReservedText(props: { interval: Interval }) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { cpuCores, memoryGb, storageGb, instanceClass } = props.interval;
  const parts = [
    cpuCores > 0 &&
      t(cpuCores === 1 ? 'costBreakdown.coreTerm' : 'costBreakdown.coresTerm', {
        value: String(cpuCores),
      }),
    memoryGb > 0 && t('costBreakdown.memoryTerm', { value: String(memoryGb) }),
    storageGb > 0 &&
      t('costBreakdown.storageTerm', { value: String(storageGb) }),
    instanceClass,
  ].filter(Boolean);
  return (
    <>
      {parts.length > 0 ? parts.join(', ') : t('costBreakdown.nothingReserved')}
    </>
  );
}

function FormulaLine(props: {
  interval: ApiCostBreakdown['intervals'][number];
  breakdown: ApiCostBreakdown;
}) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { interval, breakdown } = props;
  const { currency } = breakdown;
  const hours = (h: number) =>
    t('costBreakdown.hoursTerm', { value: formatFormulaHours(h) });
  const terms = formulaTerms(interval, breakdown.rates).map(term => {
    const rate = formatRate(term.rate, currency);
    switch (term.part) {
      case 'cpu':
        return `${t(
          term.quantity === 1
            ? 'costBreakdown.coreTerm'
            : 'costBreakdown.coresTerm',
          { value: String(term.quantity) },
        )} × ${hours(term.hours)} × ${rate}`;
      case 'memory':
        return `${t('costBreakdown.memoryTerm', {
          value: String(term.quantity),
        })} × ${hours(term.hours)} × ${rate}`;
      case 'storage':
        return `${t('costBreakdown.storageTerm', {
          value: String(term.quantity),
        })} × ${hours(term.hours)} × ${rate}`;
      default:
        return `${hours(term.hours)} × ${rate} (${term.instanceClass})`;
    }
  });
  if (terms.length === 0) return <>{t('costBreakdown.nothingCharged')}</>;
  return (
    <code>{`${terms.join(' + ')} = ${formatCost(
      interval.cost.total,
      currency,
    )}`}</code>
  );
}

function BreakdownContent(props: { breakdown: ApiCostBreakdown }) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const classes = useStyles();
  const { breakdown } = props;
  const { currency, totals } = breakdown;
  const money = (amount: number) => formatCost(amount, currency);
  const source =
    breakdown.source === 'estimate'
      ? t('costBreakdown.sources.estimate')
      : breakdown.source;
  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        {t('costBreakdown.window', {
          from: formatUtcMinute(breakdown.from),
          to: formatUtcMinute(breakdown.to),
          source,
        })}
      </Typography>
      {breakdown.reported && (
        <Alert severity="info" className={classes.reported}>
          {t('costBreakdown.reported', {
            total: money(breakdown.reported.total),
            source: breakdown.reported.source,
          })}
        </Alert>
      )}
      <Typography variant="h6" component="p" paragraph>
        {t('costBreakdown.totals', {
          total: money(totals.total),
          compute: money(totals.compute),
          storage: money(totals.storage),
          database: money(totals.database),
        })}
      </Typography>
      <Typography variant="body2" paragraph>
        {t('costBreakdown.idleAndSavings', {
          idle: money(breakdown.idle.total),
          idleHours: formatFormulaHours(breakdown.idle.hours),
          idleAfter: formatDuration(breakdown.idleAfterMs),
          savings: money(breakdown.savings.total),
        })}
      </Typography>
      {breakdown.intervals.length === 0 ? (
        <EmptyState
          missing="data"
          title={t('costBreakdown.emptyTitle')}
          description={t('costBreakdown.emptyDescription', {
            name: breakdown.environment,
          })}
        />
      ) : (
        <Box mb={2} overflow="auto" className={classes.table}>
          <SmallTable
            label={t('costBreakdown.intervals')}
            columns={[
              t('costBreakdown.service'),
              t('costBreakdown.state'),
              t('costBreakdown.from'),
              t('costBreakdown.to'),
              { title: t('costBreakdown.hours'), align: 'right' },
              t('costBreakdown.reserved'),
              { title: t('costBreakdown.cost'), align: 'right' },
              { title: t('costBreakdown.idle'), align: 'right' },
              { title: t('costBreakdown.saved'), align: 'right' },
              t('costBreakdown.formula'),
            ]}
          >
            {breakdown.intervals.map((interval, index) => (
              <TableRow
                key={`${interval.service}-${interval.startedAt}-${index}`}
              >
                <TableCell className={classes.nowrap}>
                  {interval.service}
                </TableCell>
                <TableCell>
                  {interval.reason
                    ? t('costBreakdown.reason', {
                        state: interval.state,
                        reason: interval.reason,
                      })
                    : interval.state}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {formatUtcMinute(interval.startedAt)}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {interval.open
                    ? t('costBreakdown.stillRunning', {
                        at: formatUtcMinute(interval.endedAt),
                      })
                    : formatUtcMinute(interval.endedAt)}
                </TableCell>
                <TableCell align="right" className={classes.nowrap}>
                  {formatFormulaHours(interval.cost.hours)}
                </TableCell>
                <TableCell>
                  <ReservedText interval={interval} />
                </TableCell>
                <TableCell align="right" className={classes.nowrap}>
                  {money(interval.cost.total)}
                </TableCell>
                <TableCell align="right" className={classes.nowrap}>
                  {interval.idle.total > 0
                    ? t('costBreakdown.partOf', {
                        cost: money(interval.idle.total),
                        hours: formatFormulaHours(interval.idle.hours),
                      })
                    : t('costBreakdown.nothing')}
                </TableCell>
                <TableCell align="right" className={classes.nowrap}>
                  {interval.saved.total > 0
                    ? t('costBreakdown.partOf', {
                        cost: money(interval.saved.total),
                        hours: formatFormulaHours(interval.saved.hours),
                      })
                    : t('costBreakdown.nothing')}
                </TableCell>
                <TableCell>
                  <FormulaLine interval={interval} breakdown={breakdown} />
                </TableCell>
              </TableRow>
            ))}
          </SmallTable>
          {breakdown.truncated && (
            <Typography variant="body2" color="textSecondary">
              {t('costBreakdown.truncated', {
                shown: String(breakdown.intervals.length),
                total: String(breakdown.intervalCount),
              })}
            </Typography>
          )}
        </Box>
      )}
      <CostRates
        rates={breakdown.rates}
        unpricedInstanceClasses={breakdown.unpricedInstanceClasses}
      />
    </>
  );
}

/**
 * How an environment's cost over a window was computed: the ledger
 * intervals with a formula line each, the totals, the rates and where they
 * come from. Loads when opened.
 */
export function CostBreakdownDialog(props: {
  name: string;
  from?: string;
  to?: string;
  open: boolean;
  onClose: () => void;
}) {
  const { name, from, to, open, onClose } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const api = useApi(environmentsApiRef);
  const breakdown = useAsyncRetry(
    async () =>
      open ? await api.getCostBreakdown(name, { from, to }) : undefined,
    [api, name, from, to, open],
  );
  let body;
  if (breakdown.error) {
    body = <ErrorWithRetry error={breakdown.error} onRetry={breakdown.retry} />;
  } else if (!breakdown.value) {
    body = <Progress />;
  } else {
    body = <BreakdownContent breakdown={breakdown.value} />;
  }
  return (
    <Dialog
      open={open}
      onClose={onClose}
      maxWidth="lg"
      fullWidth
      aria-labelledby="cost-breakdown-title"
    >
      <DialogTitle id="cost-breakdown-title">
        {t('costBreakdown.title', { name })}
      </DialogTitle>
      <DialogContent dividers>{body}</DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('costBreakdown.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
