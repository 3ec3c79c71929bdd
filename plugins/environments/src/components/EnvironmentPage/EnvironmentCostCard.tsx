import { InfoCard, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { costReadPermission } from '@greenroom/plugin-environments-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { errorMessage } from '../../lib/errors';
import { costsRouteRef } from '../../routes';
import {
  formatCost,
  formatHours,
  formatShare,
  idleShare,
} from '../CostsPage/costFormat';
import { CostFigure } from '../CostsPage/CostFigure';
import { CostRatesPanel } from '../CostsPage/CostRatesPanel';
import { CostSeriesChart } from '../CostsPage/CostSeriesChart';
import { thisMonthWindow } from '../CostsPage/ranges';
import { useCostSeries, useCostSummary } from '../CostsPage/useCostReports';

/** Props of {@link EnvironmentCostCard}. */
export interface EnvironmentCostCardProps {
  /** The environment's name. */
  name: string;
  /** The clock the month is computed from; for tests. */
  now?: Date;
}

function CostCardContent(props: EnvironmentCostCardProps) {
  const { name } = props;
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
        The cost could not be loaded: {errorMessage(summary.error)}
      </Typography>
    );
  }
  if (!summary.value) {
    return <Progress />;
  }
  const report = summary.value;
  const row = report.rows.find(r => r.key === name) ?? report.totals;
  const { currency } = report;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6} md={3}>
        <CostFigure
          label="This month so far"
          value={formatCost(row.total, currency)}
          caption={
            report.projectedMonth !== undefined && report.rows.length <= 1
              ? `${formatCost(report.projectedMonth, currency)} projected`
              : undefined
          }
        />
      </Grid>
      <Grid item xs={12} sm={6} md={3}>
        <CostFigure
          label="Idle hours"
          value={row.idleHours !== undefined ? formatHours(row.idleHours) : '—'}
          caption="Running with no activity"
        />
      </Grid>
      <Grid item xs={12} sm={6} md={3}>
        <CostFigure
          label="Idle cost"
          value={formatCost(row.idle, currency)}
          caption={
            row.total > 0
              ? `${formatShare(idleShare(row))} of this month's cost`
              : undefined
          }
        />
      </Grid>
      <Grid item xs={12} sm={6} md={3}>
        <CostFigure
          label="Savings from auto-stop"
          value={formatCost(row.savings, currency)}
          caption="What policy stops avoided"
        />
      </Grid>
      <Grid item xs={12}>
        {series.error && (
          <Typography variant="body2" color="error">
            The cost per day could not be loaded: {errorMessage(series.error)}
          </Typography>
        )}
        {!series.error && !series.value && <Progress />}
        {series.value && (
          <CostSeriesChart series={series.value} height={180} hideLegend />
        )}
      </Grid>
      <Grid item xs={12}>
        <CostRatesPanel
          rates={report.rates}
          unpricedInstanceClasses={report.unpricedInstanceClasses}
        />
      </Grid>
    </Grid>
  );
}

/**
 * The cost of one environment this month so far: its total, cost per day,
 * idle hours and idle cost, savings from auto-stop and the rates. Shown to
 * those who may read cost.
 */
export function EnvironmentCostCard(props: EnvironmentCostCardProps) {
  const { allowed, loading } = usePermission({
    permission: costReadPermission,
  });
  const costsLink = useRouteRef(costsRouteRef);
  if (loading || !allowed) {
    return null;
  }
  return (
    <InfoCard
      title="Cost"
      subheader="This month so far (UTC)"
      deepLink={
        costsLink
          ? { title: 'All environment costs', link: costsLink() }
          : undefined
      }
    >
      <Box>
        <CostCardContent name={props.name} now={props.now} />
      </Box>
    </InfoCard>
  );
}
