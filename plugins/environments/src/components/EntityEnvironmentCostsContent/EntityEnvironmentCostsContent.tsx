import {
  EmptyState,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { compatWrapper } from '@backstage/core-compat-api';
import { useRouteRef, useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import type { CostQuery } from '../../api';
import { costsRouteRef } from '../../routes';
import { environmentsTranslationRef } from '../../translation';
import {
  formatCost,
  formatHours,
  formatShare,
  idleShare,
} from '../CostsPage/costFormat';
import { CostFigure } from '../CostsPage/CostFigure';
import { CostRangeSelect } from '../CostsPage/CostRangeSelect';
import { HeadlinesExplained } from '../CostsPage/HeadlinesExplained';
import { CostRatesPanel } from '../CostsPage/CostRatesPanel';
import { CostGroupBreakdownDialog } from '../CostBreakdown';
import { CostSeriesSection } from '../CostsPage/CostSeriesSection';
import type { CostSeriesSelection } from '../CostsPage/seriesGroups';
import { TopSpendersTable } from '../CostsPage/TopSpendersTable';
import { COST_RANGES, CostRange, rangeWindow } from '../CostsPage/ranges';
import { SavingsFigure } from '../CostsPage/SavingsFigure';
import { useCostSeries, useCostSummary } from '../CostsPage/useCostReports';
import { useCostTexts } from '../CostsPage/useCostTexts';

/** The ranges the tab offers: the page's, without a custom one. */
const TAB_RANGES = COST_RANGES.filter(range => range !== 'custom');

/** Props of {@link EntityEnvironmentCostsContent}. */
export interface EntityEnvironmentCostsContentProps {
  /** The clock the windows are computed from; for tests. */
  now?: Date;
}

function TeamCosts(props: { owner: string; teamName: string; now?: Date }) {
  const { owner, teamName } = props;
  const [range, setRange] = useState<CostRange>('this-month');
  const costsLink = useRouteRef(costsRouteRef);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { period } = useCostTexts();
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
  // The chart's bar whose figure is being explained.
  const [explained, setExplained] = useState<CostSeriesSelection>();
  const label = period({ range });
  const header = (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="space-between"
      flexWrap="wrap"
      mb={2}
    >
      <CostRangeSelect
        id="team-cost-range"
        value={range}
        ranges={TAB_RANGES}
        onChange={setRange}
      />
      {costsLink && (
        <LinkButton
          variant="outlined"
          color="primary"
          to={`${costsLink()}?${new URLSearchParams({
            'filters[owner]': owner,
          })}`}
        >
          {t('teamCosts.allCosts')}
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
          title={t('costsPage.emptyTitle')}
          description={t('teamCosts.emptyDescription', {
            team: teamName,
            period: label,
          })}
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
            label={t('teamCosts.total')}
            value={formatCost(totals.total, currency)}
            caption={
              report.projectedMonth !== undefined
                ? t('teamCosts.projected', {
                    cost: formatCost(report.projectedMonth, currency),
                  })
                : t('teamCosts.costOfPeriod', { period: label })
            }
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <CostFigure
            label={t('teamCosts.idleShare')}
            value={formatShare(idleShare(totals))}
            caption={
              totals.idleHours !== undefined
                ? t('teamCosts.spentIdleWithHours', {
                    cost: formatCost(totals.idle, currency),
                    hours: formatHours(totals.idleHours),
                  })
                : t('teamCosts.spentIdle', {
                    cost: formatCost(totals.idle, currency),
                  })
            }
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <SavingsFigure amount={totals.savings} currency={currency} />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <CostFigure
            label={t('teamCosts.environments')}
            value={report.rows.length}
            caption={t('teamCosts.environmentsWithCost', {
              count: report.rows.filter(row => row.total > 0).length,
              period: label,
            })}
          />
        </Grid>
        <Grid item xs={12}>
          <HeadlinesExplained
            selected={report}
            current={report.projectedMonth !== undefined ? report : undefined}
            period={label}
          />
        </Grid>
        <Grid item xs={12}>
          <Paper variant="outlined">
            <Box p={2}>
              <Typography variant="h6" component="h2" gutterBottom>
                {t('teamCosts.costPerDay')}
              </Typography>
              <CostSeriesSection series={series} onSelect={setExplained} />
              {series.value && explained && (
                <CostGroupBreakdownDialog
                  series={series.value}
                  selection={explained}
                  filter={{ owner }}
                  label={key => key}
                  onSelect={setExplained}
                  onClose={() => setExplained(undefined)}
                />
              )}
            </Box>
          </Paper>
        </Grid>
        <Grid item xs={12}>
          <TopSpendersTable
            title={t('teamCosts.environments')}
            subtitle={t('teamCosts.topSpenders', {
              team: teamName,
              period: label,
            })}
            rows={report.rows}
            window={{ from: report.from, to: report.to }}
          />
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
  const { t } = useTranslationRef(environmentsTranslationRef);
  if (entity.kind.toLocaleLowerCase('en-US') !== 'group') {
    return (
      <EmptyState
        missing="info"
        title={t('teamCosts.wrongKindTitle')}
        description={t('teamCosts.wrongKindDescription', {
          kind: entity.kind,
        })}
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
