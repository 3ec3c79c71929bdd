import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  CostAmounts,
  CostEnvironment,
  CostInterval,
  CostGroupBy,
  CostRow,
  CostSeries,
  CostSummary,
  DEFAULT_IDLE_AFTER_MS,
  EnvironmentCostBreakdown,
  costBreakdown,
  costAmountsByEnvironment,
  costOfInterval,
  PriceRates,
  addCostAmounts,
  costGroupKey,
  costSeries,
  groupCostAmounts,
  hoursInUtcMonth,
  idleAfterOf,
  projectMonth,
  savingsFromAutoStop,
  toCsv,
} from '@greenroom/plugin-environments-common';
import type { PriceSource } from '@greenroom/plugin-environments-node';
import {
  CostRollup,
  type CostSources,
  ESTIMATE_SOURCE,
  mergeSources,
  type RolledUpAmounts,
  utcDay,
} from './CostRollup';
import type { ClusterCostSource } from './sources/ClusterCostSource';
import {
  SharingReport,
  SharingTotals,
  sharingReport,
  sharingTotals,
} from './sharingReport';
import type { EnvironmentMode } from '@greenroom/plugin-environments-common';
import type {
  EnvironmentAccessFilter,
  EnvironmentHeader,
  EnvironmentsStore,
  StoredEnvironment,
} from '../storage/types';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** The longest window a report may cover. */
export const MAX_WINDOW_DAYS = 366;
const PAGE_SIZE = 1000;
/** `YYYY-MM-DD`, optionally with a time that carries its zone. */
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Bounds of one environment's breakdown (`environments.cost.breakdown`). */
export interface CostBreakdownLimits {
  /** The longest window a breakdown may cover. */
  maxWindowDays: number;
  /** The most intervals it lists (its totals count all). */
  maxIntervals: number;
}

export const DEFAULT_BREAKDOWN_LIMITS: CostBreakdownLimits = {
  maxWindowDays: 93,
  maxIntervals: 2000,
};

/** What a cost request asks for; `from` and `to` are ISO 8601 dates. */
export interface CostQuery {
  groupBy: CostGroupBy;
  from?: string;
  to?: string;
  /** Restricts the report to matching environments. */
  filter?: CostFilter;
}

/** Which environments a report covers, besides what the reader may see. */
export interface CostFilter {
  owner?: string;
  system?: string;
  mode?: EnvironmentMode;
  /** An environment name. */
  environment?: string;
}

/** A report window, `[from, to)`; `to` is never later than now. */
export interface CostReportWindow {
  from: Date;
  to: Date;
  /** The window starts at the current UTC month's start and stays in it. */
  currentMonth: boolean;
}

/** A report row with where its figures come from. */
export type SourcedCostRow = CostRow & { source: string };

/**
 * A cost summary with the sources of its figures, plus the month's
 * projection when it covers the current month.
 */
export type CostSummaryResponse = Omit<CostSummary, 'rows' | 'totals'> & {
  rows: SourcedCostRow[];
  totals: SourcedCostRow;
  /** Every row's sources together. */
  source: string;
  /** Days whose cluster cost source failed: they hold the estimate. */
  sourceFallbackDays: string[];
  projectedMonth?: number;
};

function startOfUtcDay(at: Date): Date {
  return new Date(
    Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()),
  );
}

/** How far before a window activity matters: the longest idleAfter in use. */
function lookbackOf(environments: CostEnvironment[]): number {
  let lookback = DEFAULT_IDLE_AFTER_MS;
  for (const environment of environments) {
    lookback = Math.max(lookback, environment.idleAfter ?? 0);
  }
  return lookback;
}

/** The rows, each given its sources in place (a new object per row would be 10,000 for nothing). */
function withSources(
  rows: CostRow[],
  sourcesByKey: ReadonlyMap<string, string>,
  fallback: string,
): SourcedCostRow[] {
  const sourced = rows as SourcedCostRow[];
  for (const row of sourced) row.source = sourcesByKey.get(row.key) ?? fallback;
  return sourced;
}

/** The parts of a window not covered by the given (rolled-up) days. */
function liveSegments(
  window: { from: Date; to: Date },
  rolledDays: Set<string>,
): Array<{ from: Date; to: Date }> {
  const segments: Array<{ from: Date; to: Date }> = [];
  let start = window.from.getTime();
  let at = start;
  const end = window.to.getTime();
  while (at < end) {
    const dayStart = startOfUtcDay(new Date(at)).getTime();
    if (dayStart === at && rolledDays.has(utcDay(at)) && at + DAY_MS <= end) {
      if (at > start)
        segments.push({ from: new Date(start), to: new Date(at) });
      at += DAY_MS;
      start = at;
    } else {
      at = Math.min(dayStart + DAY_MS, end);
    }
  }
  if (at > start) segments.push({ from: new Date(start), to: new Date(at) });
  return segments;
}

function startOfUtcMonth(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

function parseInstant(value: string, field: 'from' | 'to'): Date {
  const millis = ISO_DATE.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(millis)) {
    throw new InputError(
      `${field}: must be an ISO 8601 date such as 2026-01-31 or 2026-01-31T12:00:00Z, got '${value}'`,
    );
  }
  return new Date(millis);
}

/**
 * Cost reports: reads the environments the caller may see, the ledger and
 * activity of the window from the store, and hands them to the pure cost
 * math of `@greenroom/plugin-environments-common`.
 */
export class CostService {
  readonly #store: EnvironmentsStore;
  readonly #rates: PriceRates;
  readonly #now: () => Date;
  readonly #priceSource?: PriceSource;
  readonly #rollup?: CostRollup;
  readonly #breakdownLimits: CostBreakdownLimits;
  readonly #sources: CostSources;
  readonly #logger?: LoggerService;

  constructor(options: {
    store: EnvironmentsStore;
    /** Configured rates; a price source, when set, replaces them. */
    rates: PriceRates;
    /** What the configured rates are called in reports; default `estimate`. */
    ratesSource?: string;
    priceSource?: PriceSource;
    rollup?: CostRollup;
    breakdownLimits?: CostBreakdownLimits;
    /** A cluster's own cost, for the rolled-up days of Kubernetes environments. */
    clusterCost?: ClusterCostSource;
    logger?: LoggerService;
    now?: () => Date;
  }) {
    this.#breakdownLimits = options.breakdownLimits ?? DEFAULT_BREAKDOWN_LIMITS;
    this.#store = options.store;
    this.#rates = options.rates;
    this.#priceSource = options.priceSource;
    this.#rollup = options.rollup;
    this.#logger = options.logger;
    this.#sources = {
      ratesSource: options.priceSource
        ? options.priceSource.name ?? ESTIMATE_SOURCE
        : options.ratesSource ?? ESTIMATE_SOURCE,
      cluster: options.clusterCost,
    };
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * The window of a query. Defaults: the current UTC month so far. `to` must
   * be after `from`, and the window at most {@link MAX_WINDOW_DAYS} days;
   * otherwise an InputError names the field. Cost cannot accrue in the
   * future, so a `to` past now is cut to now.
   */
  window(query: Pick<CostQuery, 'from' | 'to'>): CostReportWindow {
    const now = this.#now();
    const monthStart = startOfUtcMonth(now);
    const from =
      query.from === undefined ? monthStart : parseInstant(query.from, 'from');
    const to = query.to === undefined ? now : parseInstant(query.to, 'to');
    if (to.getTime() <= from.getTime()) {
      throw new InputError(
        `to: must be after from (${from.toISOString()}), got ${to.toISOString()}`,
      );
    }
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
      throw new InputError(
        `to: the window may span at most ${MAX_WINDOW_DAYS} days`,
      );
    }
    const effectiveTo = new Date(
      Math.max(from.getTime(), Math.min(to.getTime(), now.getTime())),
    );
    const currentMonth =
      from.getTime() === monthStart.getTime() &&
      startOfUtcMonth(effectiveTo).getTime() === monthStart.getTime();
    return { from, to: effectiveTo, currentMonth };
  }

  async summary(
    access: EnvironmentAccessFilter,
    query: CostQuery,
  ): Promise<CostSummaryResponse> {
    const window = this.window(query);
    const rates = await this.#ratesAt(window.to);
    // Complete days come from the daily rollup; the rest from the ledger.
    // Today is never rolled up, so its ledger is read beside the rollup.
    const today = startOfUtcDay(this.#now()).getTime();
    const tail =
      window.to.getTime() > today
        ? {
            from: new Date(Math.max(window.from.getTime(), today)),
            to: window.to,
          }
        : undefined;
    const environmentsRead = this.#environments(access, query.filter);
    // Today's activity as soon as the environments say how far back it
    // matters, beside today's ledger rather than after it.
    const tailActivity =
      tail &&
      environmentsRead.then(environments =>
        this.#store.listActivityTimesBetween(
          new Date(tail.from.getTime() - lookbackOf(environments)),
          tail.to,
        ),
      );
    const [environments, rolled, tailIntervals] = await Promise.all([
      environmentsRead,
      this.#rollup
        ? this.#rollup.amounts(this.#completeDays(window), rates, this.#sources)
        : ({
            days: new Set<string>(),
            amounts: new Map<string, CostAmounts>(),
            sources: new Map<string, string>(),
            fallbackDays: [],
          } satisfies RolledUpAmounts),
      tail && this.#store.sumCostIntervalsBetween(tail.from, tail.to),
      tailActivity,
    ]);
    const lookback = lookbackOf(environments);
    const ratesSource = this.#sources.ratesSource ?? ESTIMATE_SOURCE;
    // The rollup's maps are this report's own: live segments add to them.
    const amounts = rolled.amounts;
    const sources = rolled.sources;
    const unpriced = new Set<string>();
    const segments = liveSegments(
      { from: window.from, to: tail?.from ?? window.to },
      rolled.days,
    );
    for (const segment of tail ? [...segments, tail] : segments) {
      // Added up per environment and state change in SQL: a row per
      // environment rather than per service, priced the same.
      const [intervals, activity] = await Promise.all([
        segment === tail
          ? tailIntervals!
          : this.#store.sumCostIntervalsBetween(segment.from, segment.to),
        // Activity shortly before the segment decides whether its start is idle.
        segment === tail
          ? tailActivity!
          : this.#store.listActivityTimesBetween(
              new Date(segment.from.getTime() - lookback),
              segment.to,
            ),
      ]);
      // Per environment id, added to its rolled-up amounts: no row per
      // environment to key by name and sort before grouping.
      const live = costAmountsByEnvironment({
        environments,
        intervals,
        activity,
        rates,
        from: segment.from,
        to: segment.to,
      });
      live.unpricedInstanceClasses.forEach(c => unpriced.add(c));
      for (const [id, liveAmounts] of live.amounts) {
        const sum = amounts.get(id);
        if (sum) addCostAmounts(sum, liveAmounts);
        else amounts.set(id, liveAmounts);
        if (liveAmounts.total > 0 || liveAmounts.savings > 0) {
          sources.set(id, mergeSources(sources.get(id), ratesSource));
        }
      }
    }
    const { rows, totals } = groupCostAmounts({
      environments,
      amounts,
      groupBy: query.groupBy,
      rates,
    });
    // Only the listed environments' sources: the rollup holds everyone's.
    const sourcesByKey = new Map<string, string>();
    let allSources: string | undefined;
    for (const environment of environments) {
      const source = sources.get(environment.id);
      if (source === undefined) continue;
      const key = costGroupKey(environment, query.groupBy);
      sourcesByKey.set(key, mergeSources(sourcesByKey.get(key), source));
      allSources = mergeSources(allSources, source);
    }
    const summary: CostSummaryResponse = {
      groupBy: query.groupBy,
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      currency: rates.currency,
      rates,
      rows: withSources(rows, sourcesByKey, ratesSource),
      totals: { ...totals, source: allSources ?? ratesSource },
      unpricedInstanceClasses: [...unpriced].sort(),
      source: allSources ?? ratesSource,
      sourceFallbackDays: rolled.fallbackDays,
    };
    if (window.currentMonth) {
      summary.projectedMonth = projectMonth(
        summary.totals.total,
        (window.to.getTime() - window.from.getTime()) / HOUR_MS,
        hoursInUtcMonth(window.from),
      );
    }
    return summary;
  }

  /**
   * How an environment's cost over the window was computed: its ledger
   * intervals with the rates the summary uses (those at the window's end),
   * so the totals are what `summary` reports for it.
   */
  async breakdown(
    environment: Pick<StoredEnvironment, 'id' | 'name' | 'policy'>,
    query: Pick<CostQuery, 'from' | 'to'>,
  ): Promise<EnvironmentCostBreakdown> {
    const window = this.window(query);
    const { maxWindowDays, maxIntervals } = this.#breakdownLimits;
    if (window.to.getTime() - window.from.getTime() > maxWindowDays * DAY_MS) {
      throw new InputError(
        `to: a breakdown may span at most ${maxWindowDays} days`,
      );
    }
    // Idle as the reports count it: the environment's own idleAfter, and
    // activity from that long before the window.
    const idleAfter = idleAfterOf(environment.policy);
    const [intervals, activity, rates] = await Promise.all([
      this.#store.listIntervalsBetween(window.from, window.to, environment.id),
      this.#store.listActivityTimesBetween(
        new Date(window.from.getTime() - idleAfter),
        window.to,
        environment.id,
      ),
      this.#ratesAt(window.to),
    ]);
    const breakdown = costBreakdown({
      environment: environment.name,
      intervals,
      rates,
      window,
      limit: maxIntervals,
      source: this.#sources.ratesSource,
      activity: activity.map(event => event.at as number),
      idleAfter,
    });
    if (!this.#sources.cluster || !this.#rollup) return breakdown;
    // Days a cluster cost source rolled up are its figures, not the
    // intervals': say what the reports show, and from where.
    const reported = await this.#reported(
      environment.id,
      window,
      intervals,
      rates,
    );
    if (reported.source === breakdown.source) return breakdown;
    return { ...breakdown, source: reported.source, reported };
  }

  /**
   * What the summary reports for one environment, without a summary: its
   * rolled-up days as the rollup stored them, the other hours priced from
   * its intervals.
   */
  async #reported(
    environmentId: string,
    window: CostReportWindow,
    intervals: CostInterval[],
    rates: PriceRates,
  ): Promise<{ total: number; source: string }> {
    const rolled = await this.#rollup!.amounts(
      this.#completeDays(window),
      rates,
      this.#sources,
      environmentId,
    );
    const ratesSource = this.#sources.ratesSource ?? ESTIMATE_SOURCE;
    let total = rolled.amounts.get(environmentId)?.total ?? 0;
    let source = rolled.sources.get(environmentId);
    for (const segment of liveSegments(window, rolled.days)) {
      let live = 0;
      for (const interval of intervals) {
        live += costOfInterval(interval, rates, segment).total;
      }
      total += live;
      // As the summary: hours that cost or saved something name the rates.
      const saved = savingsFromAutoStop({ intervals, rates, window: segment });
      if (live > 0 || saved.total > 0) {
        source = mergeSources(source, ratesSource);
      }
    }
    return { total, source: source ?? ratesSource };
  }

  /** What sharing its base saved an environment over the window (its base read here). */
  async sharing(
    environment: StoredEnvironment,
    query: Pick<CostQuery, 'from' | 'to'>,
  ): Promise<SharingReport> {
    const window = this.window(query);
    return this.#sharingReport(
      environment,
      window,
      await this.#ratesAt(window.to),
      new Map(),
    );
  }

  /**
   * What sharing saved, over the window, every environment the caller may
   * read (and the filter keeps) that shares a base.
   */
  async sharingTotals(
    access: EnvironmentAccessFilter,
    query: Pick<CostQuery, 'from' | 'to' | 'filter'>,
  ): Promise<SharingTotals> {
    const window = this.window(query);
    const rates = await this.#ratesAt(window.to);
    const bases = new Map<string, Promise<StoredEnvironment | undefined>>();
    const reports: SharingReport[] = [];
    for (const header of await this.#headers(access, query.filter)) {
      if (!header.baseline) continue;
      const environment = await this.#store.getEnvironmentById(header.id);
      if (!environment) continue;
      reports.push(
        await this.#sharingReport(environment, window, rates, bases),
      );
    }
    return sharingTotals(reports, window, rates.currency);
  }

  /** One environment's report; bases are read once per map. */
  async #sharingReport(
    environment: StoredEnvironment,
    window: CostReportWindow,
    rates: PriceRates,
    bases: Map<string, Promise<StoredEnvironment | undefined>>,
  ): Promise<SharingReport> {
    const baseId = environment.baseline?.environmentId;
    if (baseId && !bases.has(baseId)) {
      bases.set(baseId, this.#store.getEnvironmentById(baseId));
    }
    const [base, intervals] = await Promise.all([
      baseId ? bases.get(baseId) : undefined,
      baseId
        ? this.#store.listIntervalsBetween(
            window.from,
            window.to,
            environment.id,
          )
        : [],
    ]);
    return sharingReport({
      environment,
      base: base?.desiredState === 'deleted' ? undefined : base,
      intervals,
      rates,
      window,
    });
  }

  /**
   * Rolls up every hour on one replica: complete days are rolled up once,
   * so reports read them from there.
   */
  async schedule(
    scheduler: SchedulerService,
    logger: LoggerService,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'environments-cost-rollup',
      frequency: { hours: 1 },
      timeout: { minutes: 15 },
      initialDelay: { minutes: 1 },
      scope: 'global',
      fn: async () => {
        const days = await this.rollUp();
        if (days.length > 0) {
          logger.info('Rolled up environment cost', { days: days.join(',') });
        }
      },
    });
  }

  /** Rolls up the complete days missing from the daily rollup (a scheduled task). */
  async rollUp(): Promise<string[]> {
    if (!this.#rollup) return [];
    const now = this.#now();
    const environments = await this.#environments({ allow: 'all' });
    return this.#rollup.rollUp({
      environments,
      rates: await this.#ratesAt(now),
      now,
      lookbackMs: lookbackOf(environments),
      sources: this.#sources,
      logger: this.#logger,
    });
  }

  /** UTC days wholly inside the window and before today. */
  #completeDays(window: CostReportWindow): string[] {
    const today = startOfUtcDay(this.#now()).getTime();
    const days: string[] = [];
    for (
      let day = startOfUtcDay(window.from).getTime();
      day + DAY_MS <= Math.min(window.to.getTime(), today);
      day += DAY_MS
    ) {
      if (day >= window.from.getTime()) days.push(utcDay(day));
    }
    return days;
  }

  #ratesAt(at: Date): Promise<PriceRates> {
    return this.#priceSource
      ? this.#priceSource.getRates({ at })
      : Promise.resolve(this.#rates);
  }

  async series(
    access: EnvironmentAccessFilter,
    query: CostQuery & { granularity: 'day' },
  ): Promise<CostSeries> {
    const window = this.window(query);
    const rates = await this.#ratesAt(window.to);
    // Complete days come from the daily rollup (the cluster's cost where a
    // cluster source priced them, as in the summary); the rest from the ledger.
    const [environments, rolled] = await Promise.all([
      this.#environments(access, query.filter),
      this.#rollup
        ? this.#rollup.dailyTotals(
            this.#completeDays(window),
            rates,
            this.#sources,
          )
        : { days: new Set<string>(), totals: [] },
    ]);
    const segments = liveSegments(window, rolled.days);
    const intervals =
      segments.length === 0
        ? []
        : await this.#store.sumCostIntervalsBetween(
            segments[0].from,
            segments[segments.length - 1].to,
          );
    return costSeries({
      environments,
      intervals,
      rates,
      from: window.from,
      to: window.to,
      groupBy: query.groupBy,
      granularity: query.granularity,
      rolled,
    });
  }

  /** The summary's rows as CSV, with a file name for the download. */
  async csv(
    access: EnvironmentAccessFilter,
    query: CostQuery,
  ): Promise<{ filename: string; body: string }> {
    const summary = await this.summary(access, query);
    const day = (iso: string) => iso.slice(0, 10);
    return {
      filename: `environments-cost-by-${summary.groupBy}-${day(
        summary.from,
      )}-to-${day(summary.to)}.csv`,
      body: toCsv(summary.rows),
    };
  }

  /** The headers of every environment the access filter lets through. */
  async #headers(
    access: EnvironmentAccessFilter,
    filter: CostFilter = {},
  ): Promise<EnvironmentHeader[]> {
    const environments: EnvironmentHeader[] = [];
    let afterName: string | undefined;
    for (;;) {
      const page = await this.#store.listEnvironmentHeaders({
        filter: {
          owner: filter.owner,
          system: filter.system,
          mode: filter.mode,
        },
        access,
        afterName,
        limit: PAGE_SIZE,
      });
      environments.push(
        ...page.filter(
          e => !filter.environment || e.name === filter.environment,
        ),
      );
      if (page.length < PAGE_SIZE) break;
      afterName = page[page.length - 1].name;
    }
    return environments;
  }

  /** Every environment the access filter lets through, as cost reports need it. */
  async #environments(
    access: EnvironmentAccessFilter,
    filter: CostFilter = {},
  ): Promise<CostEnvironment[]> {
    const environments = await this.#store.listCostEnvironments({
      filter: { owner: filter.owner, system: filter.system, mode: filter.mode },
      access,
    });
    const costEnvironments: CostEnvironment[] = [];
    for (const environment of environments) {
      if (filter.environment && environment.name !== filter.environment) {
        continue;
      }
      costEnvironments.push({
        id: environment.id,
        name: environment.name,
        owner: environment.owner,
        system: environment.system,
        mode: environment.mode,
        idleAfter: idleAfterOf(environment.policy),
      });
    }
    return costEnvironments;
  }
}
