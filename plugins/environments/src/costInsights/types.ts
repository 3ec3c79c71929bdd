/**
 * The shape of the Cost Insights plugin's API, as `@backstage/plugin-cost-insights`
 * 0.11.x (and its successor `@backstage-community/plugin-cost-insights`)
 * declares it. Written out here because that package is not a dependency of
 * this plugin: the app that uses Cost Insights owns `costInsightsApiRef` and
 * binds {@link GreenroomCostInsightsClient} to it. TypeScript compares the
 * shapes structurally, so the client satisfies the real interface.
 */

/** @public */
export type Maybe<T> = T | null;

/** A group a user belongs to; Greenroom uses the owner Group's name. @public */
export interface Group {
  id: string;
  name?: string;
}

/** A billing entity of a group; Greenroom uses the System. @public */
export interface Project {
  id: string;
  name?: string;
}

/** The cost of one day, `date` as `YYYY-MM-DD`. @public */
export interface DateAggregation {
  date: string;
  amount: number;
}

/**
 * The change between the last two periods: `amount` = last − previous,
 * `ratio` = amount / previous (absent when the previous period cost nothing).
 *
 * @public
 */
export interface ChangeStatistic {
  ratio?: number;
  amount: number;
}

/** `amount ≈ slope × (epoch seconds) + intercept`, by least squares. @public */
export interface Trendline {
  slope: number;
  intercept: number;
}

/** @public */
export interface Cost {
  id: string;
  aggregation: DateAggregation[];
  change?: ChangeStatistic;
  trendline?: Trendline;
  /** Breakdowns by another dimension, e.g. `{ system: Cost[] }`. */
  groupedCosts?: Record<string, Cost[]>;
}

/** @public */
export interface MetricData {
  id: string;
  format: 'number' | 'currency';
  aggregation: DateAggregation[];
  change: ChangeStatistic;
}

/** A product's cost over two periods, broken down into entities. @public */
export interface Entity {
  id: Maybe<string>;
  aggregation: [number, number];
  entities: Record<string, Entity[]>;
  change: ChangeStatistic;
}

/** @public */
export type AlertStatus = 'snoozed' | 'accepted' | 'dismissed';

/** An action item on the Cost Insights page (the fields Greenroom fills). @public */
export interface Alert {
  title: string;
  subtitle: string;
  url?: string;
  buttonText?: string;
  status?: AlertStatus;
}

/** @public */
export interface ProductInsightsOptions {
  /** A product key from the app's `costInsights.products` config. */
  product: string;
  /** A group id from `getUserGroups`. */
  group: string;
  /** An ISO 8601 repeating interval, e.g. `R2/P30D/2026-11-01`. */
  intervals: string;
  /** A project id from `getGroupProjects`. */
  project: Maybe<string>;
}

/** @public */
export interface CostInsightsApi {
  getLastCompleteBillingDate(): Promise<string>;
  getUserGroups(userId: string): Promise<Group[]>;
  getGroupProjects(group: string): Promise<Project[]>;
  getCatalogEntityDailyCost?(
    catalogEntityRef: string,
    intervals: string,
  ): Promise<Cost>;
  getGroupDailyCost(group: string, intervals: string): Promise<Cost>;
  getProjectDailyCost(project: string, intervals: string): Promise<Cost>;
  getDailyMetricData(metric: string, intervals: string): Promise<MetricData>;
  getProductInsights(options: ProductInsightsOptions): Promise<Entity>;
  getAlerts(group: string): Promise<Alert[]>;
}
