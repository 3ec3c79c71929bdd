import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CostSeriesResponse } from '../../api';
import { formatCost } from './costFormat';
import {
  CostSeriesSelection,
  OTHER_SERIES,
  seriesGroups,
} from './seriesGroups';

/** Series colours, in order; a palette that stays readable in both themes. */
export const SERIES_COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/**
 * One row per day with a field per group, as recharts stacks them; `keys`
 * are the fields (the groups' labels), `selections` what each one stands for.
 */
export function chartData(
  series: CostSeriesResponse,
  label: (key: string) => string = key => key,
): {
  rows: Array<Record<string, string | number>>;
  keys: string[];
  selections: CostSeriesSelection[];
} {
  const { shown, other: rest } = seriesGroups(series);
  const keys = shown.map(s => label(s.key));
  const selections: CostSeriesSelection[] = shown.map(s => ({ key: s.key }));
  if (rest.length > 0) {
    keys.push(OTHER_SERIES);
    selections.push({ other: true });
  }
  const rows = series.days.map((day, index) => {
    const row: Record<string, string | number> = { day };
    shown.forEach((s, i) => {
      row[keys[i]] = s.totals[index] ?? 0;
    });
    if (rest.length > 0) {
      row[OTHER_SERIES] = rest.reduce(
        (sum, s) => sum + (s.totals[index] ?? 0),
        0,
      );
    }
    return row;
  });
  return { rows, keys, selections };
}

/** Props of {@link CostSeriesChart}. */
export interface CostSeriesChartProps {
  series: CostSeriesResponse;
  /** How a group key is shown in the legend and tooltip. */
  label?: (key: string) => string;
  height?: number;
  /** Hides the legend, e.g. for a single series. */
  hideLegend?: boolean;
  /** Called with the group and day of a bar that is clicked, to explain it. */
  onSelect?: (selection: CostSeriesSelection) => void;
}

/**
 * Cost per day as stacked bars, one colour per group. The chart fills its
 * container's width; it starts at 600 px wide until the container is
 * measured (and stays so where nothing measures it, as in tests).
 */
export function CostSeriesChart(props: CostSeriesChartProps) {
  const { series, label, height = 260, hideLegend, onSelect } = props;
  const theme = useTheme();
  const { rows, keys, selections } = chartData(series, label);
  const money = (value: unknown) =>
    formatCost(Number(value ?? 0), series.currency);
  return (
    <figure
      style={{ margin: 0 }}
      aria-label={`Cost per day in ${series.currency}`}
    >
      <ResponsiveContainer
        width="100%"
        height={height}
        initialDimension={{ width: 600, height }}
      >
        <BarChart
          data={rows}
          margin={{ top: 8, right: 16, left: 8, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="day"
            tickFormatter={(day: string) => day.slice(5)}
            tick={{ fill: theme.palette.text.secondary, fontSize: 12 }}
          />
          <YAxis
            width={64}
            tickFormatter={(value: number) => value.toFixed(2)}
            tick={{ fill: theme.palette.text.secondary, fontSize: 12 }}
          />
          <Tooltip
            formatter={money}
            contentStyle={{
              background: theme.palette.background.paper,
              color: theme.palette.text.primary,
            }}
          />
          {!hideLegend && <Legend />}
          {keys.map((key, index) => (
            <Bar
              key={key}
              dataKey={key}
              stackId="cost"
              fill={SERIES_COLORS[index % SERIES_COLORS.length]}
              isAnimationActive={false}
              cursor={onSelect ? 'pointer' : undefined}
              onClick={
                onSelect
                  ? bar =>
                      onSelect({
                        ...selections[index],
                        day: bar.payload?.day,
                      })
                  : undefined
              }
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <Typography
        variant="caption"
        color="textSecondary"
        component="figcaption"
      >
        Cost per UTC day in {series.currency}, {series.days[0]} to{' '}
        {series.days[series.days.length - 1]}
      </Typography>
    </figure>
  );
}
