import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  useApiHolder,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { ChangeEvent, useCallback, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { environmentsTranslationRef } from '../../translation';
import type { CostQuery, CostSummaryResponse } from '../../api';
import { useUrlFilters } from '../../hooks/useUrlFilters';
import { rootRouteRef } from '../../routes';
import { entityRefLabel } from '../../lib/entityRefs';
import { entityOptions, SelectFilter } from '../Filters';
import { ErrorWithRetry } from '../ListStates';
import { PageFrame } from '../PageFrame';
import {
  formatChange,
  formatCost,
  formatHours,
  formatShare,
  idleShare,
} from './costFormat';
import { CostFigure } from './CostFigure';
import { CostRatesPanel } from './CostRatesPanel';
import { CostSeriesChart } from './CostSeriesChart';
import { DownloadCsvButton } from './DownloadCsvButton';
import {
  COST_CHART_GROUP_BYS,
  COST_RANGES,
  CostChartGroupBy,
  CostPageFilters,
  CostRange,
  lastMonthWindow,
  parseCostFilters,
  rangeLabel,
  rangeWindow,
  thisMonthWindow,
} from './ranges';
import { costQueryKey, useCostSeries, useCostSummary } from './useCostReports';
import { TopSpendersTable } from './TopSpendersTable';

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

/** The Groups of the catalog, as owner choices; none without a catalog. */
function useCatalogGroups(): string[] {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const { value } = useAsync(async () => {
    if (!catalogApi) return [];
    const response = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    });
    return response.items.map(entity => stringifyEntityRef(entity));
  }, [catalogApi]);
  return value ?? [];
}

/** A day of a custom range, `YYYY-MM-DD`; empty is undefined. */
function DateField(props: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const { id, label, value, onChange } = props;
  return (
    <TextField
      id={id}
      type="date"
      fullWidth
      variant="outlined"
      size="small"
      label={label}
      value={value ?? ''}
      onChange={(event: ChangeEvent<HTMLInputElement>) =>
        onChange(event.target.value || undefined)
      }
      InputLabelProps={{ shrink: true }}
    />
  );
}

function CostFilterBar(props: {
  filters: CostPageFilters;
  owners: string[];
  onChange: (patch: Partial<CostPageFilters>) => void;
  exportQuery: CostQuery;
}) {
  const { filters, owners, onChange, exportQuery } = props;
  const range = filters.range ?? 'this-month';
  return (
    <Grid container spacing={2} alignItems="center">
      <Grid item xs={12} sm={6} md={3}>
        <TextField
          id="cost-range"
          select
          fullWidth
          variant="outlined"
          size="small"
          label="Range"
          value={range}
          onChange={(event: ChangeEvent<HTMLInputElement>) =>
            onChange({ range: event.target.value as CostRange })
          }
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
        >
          {COST_RANGES.map(option => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </TextField>
      </Grid>
      {range === 'custom' && (
        <>
          <Grid item xs={6} md={2}>
            <DateField
              id="cost-from"
              label="From"
              value={filters.from}
              onChange={from => onChange({ from })}
            />
          </Grid>
          <Grid item xs={6} md={2}>
            <DateField
              id="cost-to"
              label="To (inclusive)"
              value={filters.to}
              onChange={to => onChange({ to })}
            />
          </Grid>
        </>
      )}
      <Grid item xs={12} sm={6} md={3}>
        <SelectFilter
          id="cost-owner"
          label="Owner"
          value={filters.owner}
          allLabel="All teams"
          options={entityOptions(owners, 'group')}
          onChange={owner => onChange({ owner })}
        />
      </Grid>
      <Grid item xs>
        <Box display="flex" justifyContent="flex-end">
          <DownloadCsvButton query={exportQuery} />
        </Box>
      </Grid>
    </Grid>
  );
}

function Headlines(props: {
  current?: CostSummaryResponse;
  previous?: CostSummaryResponse;
  selected: CostSummaryResponse;
  selectedLabel: string;
}) {
  const { current, previous, selected, selectedLabel } = props;
  const currency = selected.currency;
  const change =
    current && previous
      ? formatChange(current.totals.total, previous.totals.total)
      : undefined;
  const { totals } = selected;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6} md>
        <CostFigure
          label="This month so far"
          value={current ? formatCost(current.totals.total, currency) : '…'}
          caption={change ? `${change} vs last month` : undefined}
        />
      </Grid>
      <Grid item xs={12} sm={6} md>
        <CostFigure
          label="Last month"
          value={previous ? formatCost(previous.totals.total, currency) : '…'}
        />
      </Grid>
      <Grid item xs={12} sm={6} md>
        <CostFigure
          label="Projected month"
          value={
            current?.projectedMonth !== undefined
              ? formatCost(current.projectedMonth, currency)
              : '—'
          }
          caption="At this month's pace so far"
        />
      </Grid>
      <Grid item xs={12} sm={6} md>
        <CostFigure
          label="Idle waste"
          value={formatCost(totals.idle, currency)}
          caption={`${formatShare(
            idleShare(totals),
          )} of the total ${selectedLabel}${
            totals.idleHours !== undefined
              ? `, ${formatHours(totals.idleHours)} idle`
              : ''
          }`}
        />
      </Grid>
      <Grid item xs={12} sm={6} md>
        <CostFigure
          label="Savings from auto-stop"
          value={formatCost(totals.savings, currency)}
          caption={`What policy stops avoided ${selectedLabel}`}
        />
      </Grid>
    </Grid>
  );
}

/** Props of {@link CostsContent} and {@link CostsPage}. */
export interface CostsPageProps {
  /** The clock the page's windows are computed from; for tests. */
  now?: Date;
}

/** The costs page's body: filters, headline figures, chart, table and rates. */
export function CostsContent(props: CostsPageProps) {
  const { t } = useTranslationRef(environmentsTranslationRef);
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

  const current = useCostSummary(currentQuery);
  const previous = useCostSummary(previousQuery);
  const other = useCostSummary(
    selectedIsCurrent || selectedIsPrevious ? undefined : selectedQuery,
  );
  let selected = other;
  if (selectedIsCurrent) selected = current;
  if (selectedIsPrevious) selected = previous;
  const series = useCostSeries({ ...windows.selected, groupBy, owner });

  const catalogGroups = useCatalogGroups();
  const owners = useMemo(
    () =>
      Array.from(new Set([...catalogGroups, ...(owner ? [owner] : [])])).sort(),
    [catalogGroups, owner],
  );

  const label = rangeLabel(filters);
  const summary = selected.value;
  const nothingYet =
    summary &&
    summary.totals.total === 0 &&
    summary.totals.savings === 0 &&
    current.value?.totals.total === 0 &&
    previous.value?.totals.total === 0;

  let body;
  if (selected.error) {
    body = <ErrorWithRetry error={selected.error} onRetry={selected.retry} />;
  } else if (!summary) {
    body = <Progress />;
  } else if (nothingYet) {
    body = (
      <EmptyState
        missing="data"
        title={t('costsPage.emptyTitle')}
        description={
          owner
            ? `Environments start accruing cost once they run; those of ${entityRefLabel(
                owner,
                'group',
              )} have not run yet.`
            : 'Environments start accruing cost once they run.'
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
          <Headlines
            current={current.value}
            previous={previous.value}
            selected={summary}
            selectedLabel={label}
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
                  Cost per day
                </Typography>
                <ToggleButtonGroup
                  size="small"
                  exclusive
                  value={groupBy}
                  aria-label="Group by"
                  onChange={(_event, value: CostChartGroupBy | null) => {
                    if (value) updateFilters({ groupBy: value });
                  }}
                >
                  {COST_CHART_GROUP_BYS.map(option => (
                    <ToggleButton
                      key={option.value}
                      value={option.value}
                      aria-label={option.label}
                    >
                      {option.label}
                    </ToggleButton>
                  ))}
                </ToggleButtonGroup>
              </Box>
              {series.error && <ResponseErrorPanel error={series.error} />}
              {!series.error && !series.value && <Progress />}
              {!series.error && series.value && (
                <CostSeriesChart
                  series={series.value}
                  label={groupLabel(groupBy)}
                />
              )}
            </Box>
          </Paper>
        </Grid>
        <Grid item xs={12}>
          <TopSpendersTable
            rows={spenders}
            subtitle={`Environments by cost, ${label}`}
          />
        </Grid>
        <Grid item xs={12}>
          <CostRatesPanel
            rates={summary.rates}
            unpricedInstanceClasses={summary.unpricedInstanceClasses}
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
      parent={
        rootLink && { label: t('common.environments'), href: rootLink() }
      }
    >
      <CostsContent now={props.now} />
    </PageFrame>
  );
}
