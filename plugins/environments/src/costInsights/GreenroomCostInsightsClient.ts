import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogApi } from '@backstage/plugin-catalog-react';
import type {
  ApiCostRow,
  CostQuery,
  CostSeriesResponse,
  EnvironmentsApi,
} from '../api';
import { formatCost, formatShare } from '../components/CostsPage/costFormat';
import { parseIntervals, ParsedIntervals } from './intervals';
import { changeBetween, changeOf, trendlineOf } from './statistics';
import type {
  Alert,
  Cost,
  CostInsightsApi,
  DateAggregation,
  Entity,
  Group,
  MetricData,
  ProductInsightsOptions,
  Project,
} from './types';

/** Idle share of a month's cost above which a group gets an action item. */
export const DEFAULT_IDLE_ALERT_THRESHOLD = 0.2;

/** The products {@link GreenroomCostInsightsClient.getProductInsights} knows; any other reads as `total`. */
export const GREENROOM_PRODUCTS = [
  'total',
  'compute',
  'storage',
  'database',
  'idle',
] as const;

type Product = (typeof GREENROOM_PRODUCTS)[number];

/**
 * An id as Cost Insights shows it: the entity's name, or `namespace/name`
 * outside the default namespace. {@link toEntityRef} turns it back.
 */
export function toCostInsightsId(ref: string): string {
  const { namespace, name } = parseEntityRef(ref, {
    defaultKind: 'unknown',
    defaultNamespace: DEFAULT_NAMESPACE,
  });
  return namespace === DEFAULT_NAMESPACE ? name : `${namespace}/${name}`;
}

/** `team-shop` → `group:default/team-shop`; full refs pass through. */
export function toEntityRef(id: string, kind: string): string {
  return stringifyEntityRef(
    parseEntityRef(id, {
      defaultKind: kind,
      defaultNamespace: DEFAULT_NAMESPACE,
    }),
  );
}

/** Options of {@link GreenroomCostInsightsClient}. */
export interface GreenroomCostInsightsClientOptions {
  environmentsApi: Pick<EnvironmentsApi, 'getCostSummary' | 'getCostSeries'>;
  catalogApi: Pick<CatalogApi, 'getEntities'>;
  /** The clock; for tests. */
  now?: () => Date;
  /** Idle share above which `getAlerts` reports; 0.2 by default. */
  idleAlertThreshold?: number;
}

/**
 * The Cost Insights plugin's `CostInsightsApi`, fed by Greenroom's cost
 * reports: a group is an owner Group (id `team-shop` for
 * `group:default/team-shop`), a project is a System, daily costs come from
 * `/cost/series` and product insights from `/cost/summary`.
 *
 * Bind it to the app's `costInsightsApiRef`; see the plugin README.
 *
 * @public
 */
export class GreenroomCostInsightsClient implements CostInsightsApi {
  readonly #environmentsApi: GreenroomCostInsightsClientOptions['environmentsApi'];
  readonly #catalogApi: GreenroomCostInsightsClientOptions['catalogApi'];
  readonly #now: () => Date;
  readonly #idleAlertThreshold: number;

  constructor(options: GreenroomCostInsightsClientOptions) {
    this.#environmentsApi = options.environmentsApi;
    this.#catalogApi = options.catalogApi;
    this.#now = options.now ?? (() => new Date());
    this.#idleAlertThreshold =
      options.idleAlertThreshold ?? DEFAULT_IDLE_ALERT_THRESHOLD;
  }

  /** Yesterday (UTC): today's cost is still accruing. */
  async getLastCompleteBillingDate(): Promise<string> {
    const now = this.#now();
    return new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1),
    )
      .toISOString()
      .slice(0, 10);
  }

  /** The Groups of the catalog that have the user as a member. */
  async getUserGroups(userId: string): Promise<Group[]> {
    const userRef = toEntityRef(userId, 'user').toLocaleLowerCase('en-US');
    const { items } = await this.#catalogApi.getEntities({
      filter: { kind: 'Group', 'relations.hasMember': userRef },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return items
      .map(entity => ({
        id: toCostInsightsId(stringifyEntityRef(entity)),
        name: entity.metadata.title ?? entity.metadata.name,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The Systems the group's environments belong to (this month's report). */
  async getGroupProjects(group: string): Promise<Project[]> {
    const summary = await this.#environmentsApi.getCostSummary({
      groupBy: 'system',
      owner: toEntityRef(group, 'group'),
    });
    return summary.rows
      .map(row => ({ id: toCostInsightsId(row.key) }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The group's daily cost, broken down by system. */
  async getGroupDailyCost(group: string, intervals: string): Promise<Cost> {
    return await this.#dailyCost(
      group,
      intervals,
      { owner: toEntityRef(group, 'group') },
      'system',
    );
  }

  /** The system's daily cost, broken down by environment. */
  async getProjectDailyCost(project: string, intervals: string): Promise<Cost> {
    return await this.#dailyCost(
      project,
      intervals,
      { system: toEntityRef(project, 'system') },
      'environment',
    );
  }

  /**
   * The daily cost of a Group, System or Environment entity, broken down by
   * environment. Other kinds have no environments and throw.
   */
  async getCatalogEntityDailyCost(
    catalogEntityRef: string,
    intervals: string,
  ): Promise<Cost> {
    const ref = parseEntityRef(catalogEntityRef);
    const full = stringifyEntityRef(ref);
    const filters: Record<string, CostQuery> = {
      group: { owner: full },
      system: { system: full },
      environment: { environment: ref.name },
    };
    const filter = filters[ref.kind.toLocaleLowerCase('en-US')];
    if (!filter) {
      throw new TypeError(
        `Greenroom reports cost for Groups, Systems and Environments, not ${ref.kind}`,
      );
    }
    return await this.#dailyCost(full, intervals, filter, 'environment');
  }

  /**
   * Greenroom has no business metrics: an empty series, so the Cost Insights
   * page simply shows none.
   */
  async getDailyMetricData(
    metric: string,
    _intervals?: string,
  ): Promise<MetricData> {
    return {
      id: metric,
      format: 'number',
      aggregation: [],
      change: { amount: 0 },
    };
  }

  /**
   * A product (`total`, `compute`, `storage`, `database` or `idle`; any
   * other key reads as `total`) over the last two periods of `intervals`,
   * broken down by environment.
   */
  async getProductInsights(options: ProductInsightsOptions): Promise<Entity> {
    const parsed = parseIntervals(options.intervals);
    const [previousPeriod, lastPeriod] = parsed.periods.slice(-2);
    const filter: CostQuery = {
      groupBy: 'environment',
      owner: toEntityRef(options.group, 'group'),
      ...(options.project
        ? { system: toEntityRef(options.project, 'system') }
        : {}),
    };
    const product: Product = (GREENROOM_PRODUCTS as readonly string[]).includes(
      options.product,
    )
      ? (options.product as Product)
      : 'total';
    const amountOf = (row: ApiCostRow | undefined) => (row ? row[product] : 0);
    const [previous, last] = await Promise.all(
      [previousPeriod, lastPeriod].map(period =>
        period
          ? this.#environmentsApi.getCostSummary({ ...filter, ...period })
          : Promise.resolve(undefined),
      ),
    );
    const keys = new Set([
      ...(previous?.rows ?? []).map(row => row.key),
      ...(last?.rows ?? []).map(row => row.key),
    ]);
    const environments: Entity[] = [];
    for (const key of keys) {
      const a = amountOf(previous?.rows.find(row => row.key === key));
      const b = amountOf(last?.rows.find(row => row.key === key));
      if (a === 0 && b === 0) continue;
      environments.push({
        id: key,
        aggregation: [a, b],
        change: changeBetween(a, b),
        entities: {},
      });
    }
    environments.sort(
      (x, y) =>
        y.aggregation[1] - x.aggregation[1] ||
        String(x.id).localeCompare(String(y.id)),
    );
    const a = amountOf(previous?.totals);
    const b = amountOf(last?.totals);
    return {
      id: options.product,
      aggregation: [a, b],
      change: changeBetween(a, b),
      entities: { environment: environments },
    };
  }

  /**
   * An action item when more than the threshold (20%) of the group's cost
   * this month went to environments running with no activity.
   */
  async getAlerts(group: string): Promise<Alert[]> {
    const summary = await this.#environmentsApi.getCostSummary({
      groupBy: 'environment',
      owner: toEntityRef(group, 'group'),
    });
    const { totals, currency } = summary;
    const share = totals.total > 0 ? totals.idle / totals.total : 0;
    if (share <= this.#idleAlertThreshold) {
      return [];
    }
    const idlest = summary.rows
      .filter(row => row.idle > 0)
      .sort((x, y) => y.idle - x.idle)
      .slice(0, 3)
      .map(row => row.key);
    return [
      {
        title: `Idle environments cost ${formatShare(
          share,
        )} of ${group}'s spend this month`,
        subtitle: `${formatCost(totals.idle, currency)} of ${formatCost(
          totals.total,
          currency,
        )} went to environments running with no activity (most: ${idlest.join(
          ', ',
        )}). A shorter idleAfter policy stops them sooner.`,
      },
    ];
  }

  async #dailyCost(
    id: string,
    intervals: string,
    filter: CostQuery,
    breakdown: 'system' | 'environment',
  ): Promise<Cost> {
    const parsed = parseIntervals(intervals);
    const series = await this.#environmentsApi.getCostSeries({
      ...filter,
      groupBy: breakdown,
      from: parsed.window.from,
      to: parsed.window.to,
    });
    return costOfSeries(id, series, parsed, breakdown);
  }
}

/**
 * A Cost from a backend series: the groups added up per day, the change of
 * the last period against the one before, the trendline, and each group's
 * own daily cost under `groupedCosts[breakdown]`.
 */
export function costOfSeries(
  id: string,
  series: CostSeriesResponse,
  parsed: ParsedIntervals,
  breakdown: string,
): Cost {
  const aggregation: DateAggregation[] = series.days.map((date, index) => ({
    date,
    amount: series.series.reduce(
      (sum, group) => sum + (group.totals[index] ?? 0),
      0,
    ),
  }));
  const cost: Cost = {
    id,
    aggregation,
    trendline: trendlineOf(aggregation),
    groupedCosts: {
      [breakdown]: series.series.map(group => ({
        id:
          breakdown === 'environment' ? group.key : toCostInsightsId(group.key),
        aggregation: series.days.map((date, index) => ({
          date,
          amount: group.totals[index] ?? 0,
        })),
      })),
    },
  };
  const change = changeOf(aggregation, parsed.periods);
  if (change) cost.change = change;
  return cost;
}
