import { InfoCard, Progress } from '@backstage/core-components';
import { useRouteRef, useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { costReadPermission } from '@greenroom/plugin-environments-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { errorMessage } from '../../lib/errors';
import { costsRouteRef } from '../../routes';
import { environmentsTranslationRef } from '../../translation';
import {
  formatCost,
  formatHours,
  formatShare,
  idleShare,
} from '../CostsPage/costFormat';
import { CostBreakdownButton } from '../CostBreakdown';
import { CostFigure } from '../CostsPage/CostFigure';
import { CostRatesPanel } from '../CostsPage/CostRatesPanel';
import { CostSeriesSection } from '../CostsPage/CostSeriesSection';
import { thisMonthWindow } from '../CostsPage/ranges';
import { SavingsFigure } from '../CostsPage/SavingsFigure';
import { useCostSeries, useCostSummary } from '../CostsPage/useCostReports';
import { SharingSavingsFigure } from './SharingSavingsFigure';

/** Props of {@link EnvironmentCostCard}. */
export interface EnvironmentCostCardProps {
  /** The environment's name. */
  name: string;
  /** The clock the month is computed from; for tests. */
  now?: Date;
}

function CostCardContent(props: EnvironmentCostCardProps) {
  const { name } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const month = thisMonthWindow(props.now ?? new Date()).from;
  const query = useMemo(
    () => ({ groupBy: 'environment' as const, from: month, environment: name }),
    [month, name],
  );
  const summary = useCostSummary(query);
  const series = useCostSeries(query);

  if (summary.error) {
    return (
      <Typography variant="body2" color="error">
        {t('environmentCostCard.loadError', {
          message: errorMessage(summary.error),
        })}
      </Typography>
    );
  }
  if (!summary.value) {
    return <Progress />;
  }
  const report = summary.value;
  const row = report.rows.find(r => r.key === name) ?? report.totals;
  const { currency } = report;
  // Each of the month's figures opens the breakdown that adds it up.
  const explained = (figure: string, part?: string) => (
    <CostBreakdownButton
      name={name}
      figure={figure}
      from={report.from}
      to={report.to}
      part={part}
    />
  );
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6} md={3}>
        <CostFigure
          label={t('environmentCostCard.thisMonth')}
          value={explained(formatCost(row.total, currency))}
          caption={
            report.projectedMonth !== undefined && report.rows.length <= 1
              ? t('environmentCostCard.projected', {
                  cost: formatCost(report.projectedMonth, currency),
                })
              : undefined
          }
        />
      </Grid>
      <Grid item xs={12} sm={6} md={3}>
        <CostFigure
          label={t('environmentCostCard.idleHours')}
          value={
            row.idleHours !== undefined
              ? formatHours(row.idleHours)
              : t('common.none')
          }
          caption={t('environmentCostCard.idleHoursCaption')}
        />
      </Grid>
      <Grid item xs={12} sm={6} md={3}>
        <CostFigure
          label={t('environmentCostCard.idleCost')}
          value={explained(
            formatCost(row.idle, currency),
            t('environmentCostCard.idleCostPart'),
          )}
          caption={
            row.total > 0
              ? t('environmentCostCard.idleCostCaption', {
                  share: formatShare(idleShare(row)),
                })
              : undefined
          }
        />
      </Grid>
      <Grid item xs={12} sm={6} md={3}>
        <SavingsFigure
          amount={row.savings}
          currency={currency}
          renderValue={figure =>
            explained(figure, t('environmentCostCard.savingsPart'))
          }
        />
      </Grid>
      <Grid item xs={12} sm={6} md={3}>
        <SharingSavingsFigure name={name} from={month} />
      </Grid>
      <Grid item xs={12}>
        <CostSeriesSection series={series} height={180} hideLegend />
      </Grid>
      <Grid item xs={12}>
        <CostRatesPanel
          rates={report.rates}
          unpricedInstanceClasses={report.unpricedInstanceClasses}
          source={report.source}
          sourceFallbackDays={report.sourceFallbackDays}
        />
      </Grid>
    </Grid>
  );
}

/**
 * The cost of one environment this month so far: its total, cost per day,
 * idle hours and idle cost, savings from auto-stop (and from sharing a base)
 * and the rates. Its total counts only the services it runs. Shown to
 * those who may read cost.
 */
export function EnvironmentCostCard(props: EnvironmentCostCardProps) {
  const { allowed, loading } = usePermission({
    permission: costReadPermission,
  });
  const costsLink = useRouteRef(costsRouteRef);
  const { t } = useTranslationRef(environmentsTranslationRef);
  if (loading || !allowed) {
    return null;
  }
  return (
    <InfoCard
      title={t('environmentCostCard.title')}
      subheader={t('environmentCostCard.subheader')}
      deepLink={
        costsLink
          ? { title: t('environmentCostCard.allCosts'), link: costsLink() }
          : undefined
      }
    >
      <Box>
        <CostCardContent name={props.name} now={props.now} />
      </Box>
    </InfoCard>
  );
}
