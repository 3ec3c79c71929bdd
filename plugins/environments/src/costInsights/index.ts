export {
  GreenroomCostInsightsClient,
  DEFAULT_IDLE_ALERT_THRESHOLD,
  GREENROOM_PRODUCTS,
} from './GreenroomCostInsightsClient';
export type { GreenroomCostInsightsClientOptions } from './GreenroomCostInsightsClient';
export { parseIntervals } from './intervals';
export type { ParsedIntervals, DayWindow, CalendarDuration } from './intervals';
export { trendlineOf } from './statistics';
export type {
  Alert,
  AlertStatus,
  ChangeStatistic,
  Cost,
  CostInsightsApi,
  DateAggregation,
  Entity,
  Group,
  Maybe,
  MetricData,
  ProductInsightsOptions,
  Project,
  Trendline,
} from './types';
