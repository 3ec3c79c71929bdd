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

/** How many groups get their own bar; the rest are added up as "Other". */
export const MAX_SERIES = 8;

export const OTHER_SERIES = 'Other';

/** One row per day with a field per group, as recharts stacks them. */
export function chartData(
  series: CostSeriesResponse,
  label: (key: string) => string = key => key,
): { rows: Array<Record<string, string | number>>; keys: string[] } {
  const shown = series.series.slice(0, MAX_SERIES);
  const rest = series.series.slice(MAX_SERIES);
  const keys = shown.map(s => label(s.key));
  if (rest.length > 0) keys.push(OTHER_SERIES);
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
  return { rows, keys };
}

/** Props of {@link CostSeriesChart}. */
export interface CostSeriesChartProps {
  series: CostSeriesResponse;
  /** How a group key is shown in the legend and tooltip. */
  label?: (key: string) => string;
  height?: number;
  /** Hides the legend, e.g. for a single series. */
  hideLegend?: boolean;
}

/**
 * Cost per day as stacked bars, one colour per group. The chart fills its
 * container's width; it starts at 600 px wide until the container is
 * measured (and stays so where nothing measures it, as in tests).
 */
export function CostSeriesChart(props: CostSeriesChartProps) {
  const { series, label, height = 260, hideLegend } = props;
  const theme = useTheme();
  const { rows, keys } = chartData(series, label);
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
