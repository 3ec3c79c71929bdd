import {
  EmptyState,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { compatWrapper } from '@backstage/core-compat-api';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { ChangeEvent, useMemo, useState } from 'react';
import type { CostQuery } from '../../api';
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
import { TopSpendersTable } from '../CostsPage/TopSpendersTable';
import {
  COST_RANGES,
  CostRange,
  rangeLabel,
  rangeWindow,
} from '../CostsPage/ranges';
import { useCostSeries, useCostSummary } from '../CostsPage/useCostReports';

/** The ranges the tab offers: the page's, without a custom one. */
const TAB_RANGES = COST_RANGES.filter(range => range.value !== 'custom');

/** Props of {@link EntityEnvironmentCostsContent}. */
export interface EntityEnvironmentCostsContentProps {
  /** The clock the windows are computed from; for tests. */
  now?: Date;
}

function TeamCosts(props: { owner: string; teamName: string; now?: Date }) {
  const { owner, teamName } = props;
  const [range, setRange] = useState<CostRange>('this-month');
  const costsLink = useRouteRef(costsRouteRef);
  const nowDay = (props.now ?? new Date()).toISOString().slice(0, 10);
  const query = useMemo<CostQuery>(
    () => ({
      groupBy: 'environment',
      ...rangeWindow({ range }, props.now ?? new Date()),
      owner,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [range, owner, nowDay],
  );
  const summary = useCostSummary(query);
  const series = useCostSeries(query);
  const label = rangeLabel({ range });

  const rangeSelect = (
    <TextField
      id="team-cost-range"
      select
      variant="outlined"
      size="small"
      label="Range"
      value={range}
      onChange={(event: ChangeEvent<HTMLInputElement>) =>
        setRange(event.target.value as CostRange)
      }
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      {TAB_RANGES.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
  const header = (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="space-between"
      flexWrap="wrap"
      mb={2}
    >
      {rangeSelect}
      {costsLink && (
        <LinkButton
          variant="outlined"
          color="primary"
          to={`${costsLink()}?${new URLSearchParams({
            'filters[owner]': owner,
          })}`}
        >
          All environment costs
        </LinkButton>
      )}
    </Box>
  );

  if (summary.error) {
    return (
      <>
        {header}
        <ResponseErrorPanel error={summary.error} />
      </>
    );
  }
  if (!summary.value) {
    return (
      <>
        {header}
        <Progress />
      </>
    );
  }
  const report = summary.value;
  const { totals, currency } = report;
  if (totals.total === 0 && totals.savings === 0) {
    return (
      <>
        {header}
        <EmptyState
          missing="data"
          title="No cost yet"
          description={`Environments start accruing cost once they run; those of ${teamName} have not run ${label}.`}
        />
      </>
    );
  }
  return (
    <>
      {header}
      <Grid container spacing={3}>
        <Grid item xs={12} sm={6} md={3}>
          <CostFigure
            label="Total"
            value={formatCost(totals.total, currency)}
            caption={
              report.projectedMonth !== undefined
                ? `${formatCost(
                    report.projectedMonth,
                    currency,
                  )} projected this month`
                : `Cost ${label}`
            }
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <CostFigure
            label="Idle share"
            value={formatShare(idleShare(totals))}
            caption={`${formatCost(totals.idle, currency)} spent idle${
              totals.idleHours !== undefined
                ? `, ${formatHours(totals.idleHours)}`
                : ''
            }`}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <CostFigure
            label="Savings from auto-stop"
            value={formatCost(totals.savings, currency)}
            caption="What policy stops avoided"
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <CostFigure
            label="Environments"
            value={report.rows.length}
            caption={`${
              report.rows.filter(row => row.total > 0).length
            } cost something ${label}`}
          />
        </Grid>
        <Grid item xs={12}>
          <Paper variant="outlined">
            <Box p={2}>
              <Typography variant="h6" component="h2" gutterBottom>
                Cost per day by environment
              </Typography>
              {series.error && <ResponseErrorPanel error={series.error} />}
              {!series.error && !series.value && <Progress />}
              {series.value && <CostSeriesChart series={series.value} />}
            </Box>
          </Paper>
        </Grid>
        <Grid item xs={12}>
          <TopSpendersTable
            title="Environments"
            subtitle={`Environments of ${teamName} by cost, ${label}`}
            rows={report.rows}
          />
        </Grid>
        <Grid item xs={12}>
          <CostRatesPanel
            rates={report.rates}
            unpricedInstanceClasses={report.unpricedInstanceClasses}
          />
        </Grid>
      </Grid>
    </>
  );
}

/**
 * The "Environment costs" tab of Group entity pages: what the team's
 * environments cost, how much of it ran idle, what auto-stop saved, per
 * environment and per day.
 */
export function EntityEnvironmentCostsContent(
  props: EntityEnvironmentCostsContentProps,
) {
  const { entity } = useEntity();
  if (entity.kind.toLocaleLowerCase('en-US') !== 'group') {
    return (
      <EmptyState
        missing="info"
        title="Environment costs are shown for Groups"
        description={`A ${entity.kind} does not own environments.`}
      />
    );
  }
  const owner = stringifyEntityRef(entity);
  return (
    <TeamCosts
      key={owner}
      owner={owner}
      teamName={entity.metadata.title ?? entity.metadata.name}
      now={props.now}
    />
  );
}

/**
 * {@link EntityEnvironmentCostsContent} for legacy apps: the compat wrapper
 * lets the tab link environments through the old app's routing.
 */
export function LegacyEntityEnvironmentCostsContent() {
  return compatWrapper(<EntityEnvironmentCostsContent />);
}
