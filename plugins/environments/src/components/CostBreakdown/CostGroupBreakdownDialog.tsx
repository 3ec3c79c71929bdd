import { Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Link from '@material-ui/core/Link';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import type { CostSeriesQuery, CostSeriesResponse } from '../../api';
import { environmentsTranslationRef } from '../../translation';
import { formatCost } from '../CostsPage/costFormat';
import {
  type CostSeriesSelection,
  OTHER_SERIES,
  seriesGroups,
} from '../CostsPage/seriesGroups';
import { useCostSeries } from '../CostsPage/useCostReports';
import { ErrorWithRetry } from '../ListStates';
import { SmallTable } from '../SmallTable';
import { CostBreakdownButton } from './CostBreakdownButton';
import { CostBreakdownDialog } from './CostBreakdownDialog';

/** Parts a dialog lists at most, highest first; its sums count every one. */
export const GROUP_PARTS_SHOWN = 100;

type Series = CostSeriesResponse['series'][number];

/** The chart's group dimensions; `environment` has its own breakdown. */
type GroupBy = Exclude<CostSeriesResponse['groupBy'], 'environment'>;

/**
 * The parts a figure adds up (a group's environments, or the groups of
 * "Other"): each part's total over the window and, for a bar, on its day,
 * with the sums.
 */
function PartsTable(props: {
  label: string;
  partTitle: string;
  parts: Series[];
  dayIndex: number;
  day?: string;
  currency: string;
  /** How a part's name and total are shown (e.g. as links that explain them). */
  renderName: (part: Series) => ReactNode;
  renderTotal: (part: Series, figure: string) => ReactNode;
}) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { parts, dayIndex, day, currency } = props;
  const money = (amount: number) => formatCost(amount, currency);
  const onDay = (part: Series) => part.totals[dayIndex] ?? 0;
  const shown = [...parts]
    .sort((a, b) => b.total - a.total)
    .slice(0, GROUP_PARTS_SHOWN);
  const sum = parts.reduce((total, part) => total + part.total, 0);
  const daySum = parts.reduce((total, part) => total + onDay(part), 0);
  const withDay = day !== undefined && dayIndex >= 0;
  return (
    <Box overflow="auto">
      <SmallTable
        label={props.label}
        columns={[
          props.partTitle,
          ...(withDay
            ? [
                {
                  title: t('groupBreakdown.onDay', { day: day ?? '' }),
                  align: 'right' as const,
                },
              ]
            : []),
          { title: t('groupBreakdown.total'), align: 'right' },
        ]}
      >
        {shown.map(part => (
          <TableRow key={part.key}>
            <TableCell>{props.renderName(part)}</TableCell>
            {withDay && (
              <TableCell align="right">{money(onDay(part))}</TableCell>
            )}
            <TableCell align="right">
              {props.renderTotal(part, money(part.total))}
            </TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell>
            <strong>{t('groupBreakdown.sum')}</strong>
          </TableCell>
          {withDay && (
            <TableCell align="right">
              <strong>{money(daySum)}</strong>
            </TableCell>
          )}
          <TableCell align="right">
            <strong>{money(sum)}</strong>
          </TableCell>
        </TableRow>
      </SmallTable>
      {parts.length > shown.length && (
        <Typography variant="body2" color="textSecondary">
          {t('groupBreakdown.truncated', {
            shown: String(shown.length),
            size: String(parts.length),
          })}
        </Typography>
      )}
    </Box>
  );
}

/** The sums a dialog explains, as a sentence above its table. */
function SumSentence(props: { text: string; dayText?: string }) {
  return (
    <>
      <Typography variant="body2" paragraph>
        {props.text}
      </Typography>
      {props.dayText && (
        <Typography variant="body2" paragraph>
          {props.dayText}
        </Typography>
      )}
    </>
  );
}

/** A group's figure: the sum of its environments, each opening its own breakdown. */
function GroupParts(props: {
  groupBy: GroupBy;
  group: string;
  groupLabel: string;
  day?: string;
  query: CostSeriesQuery;
}) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { groupBy, group, day } = props;
  const environments = useCostSeries({
    ...props.query,
    groupBy: 'environment',
    [groupBy]: group,
  });
  if (environments.error) {
    return (
      <ErrorWithRetry error={environments.error} onRetry={environments.retry} />
    );
  }
  if (!environments.value) return <Progress />;
  const series = environments.value;
  const money = (amount: number) => formatCost(amount, series.currency);
  const dayIndex = day ? series.days.indexOf(day) : -1;
  const total = series.series.reduce((sum, s) => sum + s.total, 0);
  const dayTotal = series.series.reduce(
    (sum, s) => sum + (s.totals[dayIndex] ?? 0),
    0,
  );
  if (series.series.length === 0) {
    return (
      <Typography variant="body2">
        {t('groupBreakdown.empty', { group: props.groupLabel })}
      </Typography>
    );
  }
  return (
    <>
      <SumSentence
        text={t('groupBreakdown.sumOfEnvironments', {
          group: props.groupLabel,
          total: money(total),
          count: series.series.length,
          first: series.days[0],
          last: series.days[series.days.length - 1],
        })}
        dayText={
          dayIndex >= 0
            ? t('groupBreakdown.dayOfEnvironments', {
                day: day ?? '',
                total: money(dayTotal),
              })
            : undefined
        }
      />
      <PartsTable
        label={t('groupBreakdown.environments', { group: props.groupLabel })}
        partTitle={t('groupBreakdown.environment')}
        parts={series.series}
        dayIndex={dayIndex}
        day={day}
        currency={series.currency}
        renderName={part => part.key}
        renderTotal={(part, figure) => (
          <CostBreakdownButton
            name={part.key}
            figure={figure}
            from={series.from}
            to={series.to}
          />
        )}
      />
    </>
  );
}

/** "Other": the sum of the groups without a bar, each opening its environments. */
function OtherParts(props: {
  series: CostSeriesResponse;
  label: (key: string) => string;
  day?: string;
  onSelectGroup: (key: string) => void;
}) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { series, day, label } = props;
  const money = (amount: number) => formatCost(amount, series.currency);
  const groups = seriesGroups(series).other;
  const dayIndex = day ? series.days.indexOf(day) : -1;
  const total = groups.reduce((sum, s) => sum + s.total, 0);
  const dayTotal = groups.reduce(
    (sum, s) => sum + (s.totals[dayIndex] ?? 0),
    0,
  );
  return (
    <>
      <SumSentence
        text={t('groupBreakdown.sumOfGroups', {
          total: money(total),
          size: String(groups.length),
          first: series.days[0],
          last: series.days[series.days.length - 1],
        })}
        dayText={
          dayIndex >= 0
            ? t('groupBreakdown.dayOfGroups', {
                day: day ?? '',
                total: money(dayTotal),
              })
            : undefined
        }
      />
      <PartsTable
        label={t('groupBreakdown.groups')}
        partTitle={t('groupBreakdown.group')}
        parts={groups}
        dayIndex={dayIndex}
        day={day}
        currency={series.currency}
        renderName={part => (
          <Link
            component="button"
            variant="inherit"
            underline="always"
            onClick={() => props.onSelectGroup(part.key)}
          >
            {label(part.key)}
          </Link>
        )}
        renderTotal={(_part, figure) => figure}
      />
    </>
  );
}

/**
 * How a figure of the cost chart was computed: a group's bar (or its total
 * over the window) is the sum of its environments, each of which opens its
 * ledger intervals and rates; "Other" is the sum of the groups without a bar
 * of their own. Loads the group's environments when opened.
 */
export function CostGroupBreakdownDialog(props: {
  /** The chart's series, as shown. */
  series: CostSeriesResponse;
  selection: CostSeriesSelection;
  /** The page's own filters (e.g. an owner), kept for the group's environments. */
  filter?: Pick<CostSeriesQuery, 'owner' | 'system' | 'mode'>;
  /** How the chart names a group key. */
  label: (key: string) => string;
  onSelect: (selection: CostSeriesSelection) => void;
  onClose: () => void;
}) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { series, selection, label, onSelect, onClose } = props;
  const title = selection.other
    ? t('groupBreakdown.title', { group: OTHER_SERIES })
    : t('groupBreakdown.title', { group: label(selection.key) });
  const groupBy = series.groupBy;
  if (groupBy === 'environment' && selection.key !== undefined) {
    // A chart of environments: each bar is one environment's own breakdown.
    return (
      <CostBreakdownDialog
        name={selection.key}
        from={series.from}
        to={series.to}
        open
        onClose={onClose}
      />
    );
  }
  let body;
  if (selection.other) {
    body = (
      <OtherParts
        series={series}
        label={label}
        day={selection.day}
        onSelectGroup={key => onSelect({ key, day: selection.day })}
      />
    );
  } else {
    body = (
      <GroupParts
        groupBy={groupBy as GroupBy}
        group={selection.key}
        groupLabel={label(selection.key)}
        day={selection.day}
        query={{ ...props.filter, from: series.from, to: series.to }}
      />
    );
  }
  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="cost-group-breakdown-title"
    >
      <DialogTitle id="cost-group-breakdown-title">{title}</DialogTitle>
      <DialogContent dividers>{body}</DialogContent>
      <DialogActions>
        {!selection.other &&
          seriesGroups(series).other.some(s => s.key === selection.key) && (
            <Button
              onClick={() => onSelect({ other: true, day: selection.day })}
            >
              {t('groupBreakdown.backToOther')}
            </Button>
          )}
        <Button onClick={onClose}>{t('groupBreakdown.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
