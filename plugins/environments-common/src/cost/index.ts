export { AUTO_STOP_REASON } from './types';
export type {
  ActivityEvent,
  CostBreakdown,
  CostInterval,
  CostWindow,
  Instant,
} from './types';
export { DEFAULT_PRICE_RATES, readPriceRates } from './rates';
export type { PriceRates, PriceRatesInput } from './rates';
export { formatMoney, roundMoney } from './money';
export { costOfInterval, zeroCost } from './costOfInterval';
export { idleCost, savingsFromAutoStop } from './idle';
export { idleAfterOf } from './idleAfterOf';
export {
  COST_GROUP_BYS,
  DEFAULT_IDLE_AFTER_MS,
  costGroupKey,
  summarizeCost,
} from './summarize';
export type {
  CostEnvironment,
  CostGroupBy,
  CostRow,
  CostSummary,
  CostSummaryInput,
} from './summarize';
export { costSeries } from './series';
export type { CostSeries, CostSeriesInput } from './series';
export { hoursInUtcMonth, projectMonth } from './projectMonth';
export { toCsv } from './csv';
export { topCostRows } from './topCostRows';
export { addCostAmounts, zeroCostAmounts } from './amounts';
export type { CostAmounts } from './amounts';
export { groupCostAmounts } from './combine';
export { costAmountsByEnvironment } from './amountsByEnvironment';
export { sharingSavings } from './sharingSavings';
export type { SharedReservation, SharingSavings } from './sharingSavings';
export { costBreakdown } from './breakdown';
export type {
  CostBreakdownInterval,
  CostSource,
  EnvironmentCostBreakdown,
} from './breakdown';
export { allocatedCostAmounts, readAllocationResponse } from './allocation';
export type { NamespaceAllocation } from './allocation';
export { readAwsRdsOffer } from './awsRdsOffer';
export type { AwsRdsOfferPrices, AwsRdsOfferSelection } from './awsRdsOffer';
