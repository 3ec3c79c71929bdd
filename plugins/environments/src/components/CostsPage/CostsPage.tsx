import { EmptyState, Progress } from '@backstage/core-components';
import { useRouteRef, useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { useCallback, useMemo, useState } from 'react';
import type { CostQuery } from '../../api';
import { useUrlFilters } from '../../hooks/useUrlFilters';
import { entityRefLabel } from '../../lib/entityRefs';
import { rootRouteRef } from '../../routes';
import { environmentsTranslationRef } from '../../translation';
import { ErrorWithRetry } from '../ListStates';
import { PageFrame } from '../PageFrame';
import { CostGroupBreakdownDialog } from '../CostBreakdown';
import { CostFilterBar } from './CostFilterBar';
import { CostGroupTotals } from './CostGroupTotals';
import { CostHeadlines } from './CostHeadlines';
import { HeadlinesExplained } from './HeadlinesExplained';
import { CostRatesPanel } from './CostRatesPanel';
import { CostSeriesSection } from './CostSeriesSection';
import {
  COST_CHART_GROUP_BYS,
  CostChartGroupBy,
  CostPageFilters,
  lastMonthWindow,
  parseCostFilters,
  rangeWindow,
  thisMonthWindow,
} from './ranges';
import { useCatalogGroups } from './useCatalogGroups';
import {
  costQueryKey,
  useCostSeries,
  useCostSummary,
  useSharingTotals,
} from './useCostReports';
import { useCostTexts } from './useCostTexts';
import { TOP_SPENDERS_SHOWN, TopSpendersTable } from './TopSpendersTable';
import type { CostSeriesSelection } from './seriesGroups';

/** How a chart legend names a group key. */
export function groupLabel(groupBy: CostChartGroupBy | 'environment') {
  return (key: string) => {
    switch (groupBy) {
      case 'owner':
        return entityRefLabel(key, 'group');
      case 'system':
        return entityRefLabel(key, 'system');
      default:
        return key;
    }
  };
}

/** Props of {@link CostsContent} and {@link CostsPage}. */
export interface CostsPageProps {
  /** The clock the page's windows are computed from; for tests. */
  now?: Date;
}

/** The costs page's body: filters, headline figures, chart, table and rates. */
export function CostsContent(props: CostsPageProps) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { period, groupByOption } = useCostTexts();
  const [filters, setFilters] = useUrlFilters(parseCostFilters);
  const updateFilters = useCallback(
    (patch: Partial<CostPageFilters>) =>
      setFilters(current => {
        const next = { ...current, ...patch };
        // The defaults stay out of the URL.
        if (next.range === 'this-month') delete next.range;
        if (next.groupBy === 'owner') delete next.groupBy;
        return next;
      }),
    [setFilters],
  );

  // The windows move on with the day; once per render is precise enough.
  const nowDay = (props.now ?? new Date()).toISOString().slice(0, 10);
  const windows = useMemo(() => {
    const now = props.now ?? new Date();
    return {
      current: thisMonthWindow(now),
      previous: lastMonthWindow(now),
      selected: rangeWindow(filters, now),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nowDay, filters.range, filters.from, filters.to]);

  const owner = filters.owner;
  const groupBy = filters.groupBy ?? 'owner';
  const currentQuery: CostQuery = {
    groupBy: 'environment',
    ...windows.current,
    owner,
  };
  const previousQuery: CostQuery = {
    groupBy: 'environment',
    ...windows.previous,
    owner,
  };
  const selectedQuery: CostQuery = {
    groupBy: 'environment',
    ...windows.selected,
    owner,
  };
  const selectedKey = costQueryKey(selectedQuery);
  const selectedIsCurrent = selectedKey === costQueryKey(currentQuery);
  const selectedIsPrevious = selectedKey === costQueryKey(previousQuery);

  // The selected window's report first, the other reports once it is in:
  // each is computed over every environment, and requested all at once they
  // shared the backend, so the table waited for the chart's series.
  // The page shows the selected window's highest rows, and only the totals
  // of the other months: the backend sends no more (rowCount says how many).
  const selected = useCostSummary({
    ...selectedQuery,
    limit: TOP_SPENDERS_SHOWN,
  });
  const ready = selected.value !== undefined || selected.error !== undefined;
  const currentOwn = useCostSummary(
    ready && !selectedIsCurrent ? { ...currentQuery, limit: 1 } : undefined,
  );
  const previousOwn = useCostSummary(
    ready && !selectedIsPrevious ? { ...previousQuery, limit: 1 } : undefined,
  );
  const current = selectedIsCurrent ? selected : currentOwn;
  const previous = selectedIsPrevious ? selected : previousOwn;
  const sharing = useSharingTotals(ready ? selectedQuery : undefined);
  const series = useCostSeries(
    ready ? { ...windows.selected, groupBy, owner } : undefined,
  );
  // The chart's bar or group whose figure is being explained.
  const [explained, setExplained] = useState<CostSeriesSelection>();

  // The owner choices wait for the figures, so that the catalog's query
  // does not share the backend with the summary.
  const catalogGroups = useCatalogGroups(ready);
  const owners = useMemo(
    () =>
      Array.from(new Set([...catalogGroups, ...(owner ? [owner] : [])])).sort(),
    [catalogGroups, owner],
  );

  const label = period(filters);
  const summary = selected.value;
  const selectedIsZero =
    summary && summary.totals.total === 0 && summary.totals.savings === 0;
  const nothingYet =
    selectedIsZero &&
    current.value?.totals.total === 0 &&
    previous.value?.totals.total === 0;
  // whether the page is empty is known once the other months are in
  const pending = (report: typeof current) =>
    report.value === undefined && report.error === undefined;
  const emptyUnknown =
    selectedIsZero && !nothingYet && (pending(current) || pending(previous));

  let body;
  if (selected.error) {
    body = <ErrorWithRetry error={selected.error} onRetry={selected.retry} />;
  } else if (!summary || emptyUnknown) {
    body = <Progress />;
  } else if (nothingYet) {
    body = (
      <EmptyState
        missing="data"
        title={t('costsPage.emptyTitle')}
        description={
          owner
            ? t('costsPage.emptyDescriptionOfOwner', {
                owner: entityRefLabel(owner, 'group'),
              })
            : t('costsPage.emptyDescription')
        }
      />
    );
  } else {
    const spenders = summary.rows.filter(
      row => row.total > 0 || row.savings > 0,
    );
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <CostHeadlines
            current={current.value}
            previous={previous.value}
            selected={summary}
            period={label}
            sharing={sharing.value}
          />
          <HeadlinesExplained
            selected={summary}
            current={current.value}
            period={label}
            sharing={sharing.value}
          />
        </Grid>
        <Grid item xs={12}>
          <Paper variant="outlined">
            <Box p={2}>
              <Box
                display="flex"
                alignItems="center"
                justifyContent="space-between"
                flexWrap="wrap"
                mb={1}
              >
                <Typography variant="h6" component="h2">
                  {t('costsPage.costPerDay')}
                </Typography>
                <ToggleButtonGroup
                  size="small"
                  exclusive
                  value={groupBy}
                  aria-label={t('costsPage.groupBy')}
                  onChange={(_event, value: CostChartGroupBy | null) => {
                    if (value) updateFilters({ groupBy: value });
                  }}
                >
                  {COST_CHART_GROUP_BYS.map(option => (
                    <ToggleButton
                      key={option}
                      value={option}
                      aria-label={groupByOption(option)}
                    >
                      {groupByOption(option)}
                    </ToggleButton>
                  ))}
                </ToggleButtonGroup>
              </Box>
              <CostSeriesSection
                series={series}
                label={groupLabel(groupBy)}
                onSelect={setExplained}
              />
              {series.value && (
                <CostGroupTotals
                  series={series.value}
                  label={groupLabel(groupBy)}
                  onSelect={setExplained}
                />
              )}
              {series.value && explained && (
                <CostGroupBreakdownDialog
                  series={series.value}
                  selection={explained}
                  filter={{ owner }}
                  label={groupLabel(series.value.groupBy)}
                  onSelect={setExplained}
                  onClose={() => setExplained(undefined)}
                />
              )}
            </Box>
          </Paper>
        </Grid>
        <Grid item xs={12}>
          <TopSpendersTable
            rows={spenders}
            count={
              // Cut by the backend: the rest count too, spent or not.
              (summary.rowCount ?? 0) > summary.rows.length
                ? summary.rowCount
                : undefined
            }
            window={{ from: summary.from, to: summary.to }}
            subtitle={t('costsPage.topSpenders', { period: label })}
          />
        </Grid>
        <Grid item xs={12}>
          <CostRatesPanel
            rates={summary.rates}
            unpricedInstanceClasses={summary.unpricedInstanceClasses}
            source={summary.source}
            sourceFallbackDays={summary.sourceFallbackDays}
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <>
      <Box mb={3}>
        <CostFilterBar
          filters={filters}
          owners={owners}
          onChange={updateFilters}
          exportQuery={selectedQuery}
        />
      </Box>
      {body}
    </>
  );
}

/**
 * `/environments/costs`, for managers: what environments cost this month and
 * last, where it goes by team, system or mode, what idling wastes and what
 * auto-stop saves, with the rates behind every figure.
 */
export function CostsPage(props: CostsPageProps) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const rootLink = useRouteRef(rootRouteRef);
  return (
    <PageFrame
      title={t('costsPage.title')}
      subtitle={t('costsPage.subtitle')}
      parent={rootLink && { label: t('common.environments'), href: rootLink() }}
    >
      <CostsContent now={props.now} />
    </PageFrame>
  );
}
