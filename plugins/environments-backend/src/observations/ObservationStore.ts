import type {
  EnvironmentStatus,
  ObservedEnvironment,
  ServiceObservation,
} from '@greenroom/plugin-environments-common';
import type { ObservedState } from '@greenroom/plugin-environments-node';
import type { Knex } from 'knex';

const SERVICES = 'service_observations';

/** Environments in these statuses are observed by the reconcile loop. */
export const OBSERVED_STATUSES: EnvironmentStatus[] = [
  'running',
  'degraded',
  'failed',
];
const ENVIRONMENTS = 'environment_observations';
/** Rows per upsert: 11 columns each, well under SQLite's 999 variables. */
const UPSERT_CHUNK = 50;

/**
 * The runtimes' last word on each service and each environment's place in
 * the reconcile loop. A phase keeps its transition time while it stays the
 * same, so "failing since" survives every observation.
 */
export class ObservationStore {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /**
   * Stores a successful observation; services no longer observed are
   * forgotten. True when what a reader sees changed: a service's phase,
   * ready replicas or public URLs, or the set of services.
   */
  async record(
    environmentId: string,
    observed: ObservedState,
    nextObserveAt: Date,
  ): Promise<boolean> {
    const observedAt = Date.parse(observed.observedAt);
    return this.#db.transaction(async tx => {
      const previous = new Map<
        string,
        { phase: string; since: number; seen: string }
      >(
        (
          await tx(SERVICES)
            .where({ environment_id: environmentId })
            .select(
              'service_name',
              'phase',
              'last_transition_at',
              'ready_replicas',
              'public_urls',
            )
        ).map(row => [
          row.service_name,
          {
            phase: row.phase,
            since: Number(row.last_transition_at),
            seen: seenOf(row.phase, row.ready_replicas, row.public_urls),
          },
        ]),
      );
      const changed =
        previous.size !== observed.services.length ||
        observed.services.some(
          service =>
            previous.get(service.name)?.seen !==
            seenOf(
              service.phase,
              service.replicas?.ready ?? null,
              JSON.stringify(service.urls),
            ),
        );
      await tx(SERVICES)
        .where({ environment_id: environmentId })
        .whereNotIn(
          'service_name',
          observed.services.map(s => s.name),
        )
        .delete();
      const rows = observed.services.map(service => {
        const before = previous.get(service.name);
        return {
          environment_id: environmentId,
          service_name: service.name,
          phase: service.phase,
          ready_replicas: service.replicas?.ready ?? null,
          desired_replicas: service.replicas?.desired ?? null,
          image: service.image ?? null,
          public_urls: JSON.stringify(service.urls),
          internal_urls: JSON.stringify(service.internalUrls ?? []),
          problem: service.message ?? null,
          last_transition_at:
            before && before.phase === service.phase
              ? before.since
              : observedAt,
          observed_at: observedAt,
        };
      });
      // A few statements instead of one per service; chunks stay within
      // SQLite's limit of bound variables.
      for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
        await tx(SERVICES)
          .insert(rows.slice(i, i + UPSERT_CHUNK))
          .onConflict(['environment_id', 'service_name'])
          .merge();
      }
      await tx(ENVIRONMENTS)
        .insert({
          environment_id: environmentId,
          observed_at: observedAt,
          next_observe_at: nextObserveAt.getTime(),
          failures: 0,
          last_error: null,
          drift: JSON.stringify(observed.drift ?? []),
          entity_annotations: JSON.stringify(observed.entityAnnotations ?? {}),
        })
        .onConflict('environment_id')
        .merge();
      return changed;
    });
  }

  /**
   * A stop scaled everything to zero: every service is stopped from `at`,
   * and drift found while it ran no longer says anything.
   */
  async markStopped(environmentId: string, at: Date): Promise<void> {
    await this.#db.transaction(async tx => {
      await tx(SERVICES)
        .where({ environment_id: environmentId })
        .whereNot('phase', 'stopped')
        .update({
          phase: 'stopped',
          ready_replicas: 0,
          problem: null,
          last_transition_at: at.getTime(),
          observed_at: at.getTime(),
        });
      await tx(ENVIRONMENTS)
        .where({ environment_id: environmentId })
        .update({ drift: '[]' });
    });
  }

  /**
   * Counts a failed observation and, from the failures in a row, when to try
   * again; what was observed before stays. Returns the failures in a row.
   */
  async recordFailure(
    environmentId: string,
    error: string,
    nextObserveAt: (failuresInARow: number) => Date,
  ): Promise<number> {
    return this.#db.transaction(async tx => {
      const row = await tx(ENVIRONMENTS)
        .where({ environment_id: environmentId })
        .first('failures');
      const failures = (row ? Number(row.failures) : 0) + 1;
      await tx(ENVIRONMENTS)
        .insert({
          environment_id: environmentId,
          observed_at: null,
          next_observe_at: nextObserveAt(failures).getTime(),
          failures,
          last_error: error,
          drift: '[]',
        })
        .onConflict('environment_id')
        .merge(['next_observe_at', 'failures', 'last_error']);
      return failures;
    });
  }

  /** Environments to observe now: running ones never observed first, then the longest waiting. */
  async due(now: Date, limit: number): Promise<string[]> {
    const rows = await this.#db('environments as e')
      .leftJoin(`${ENVIRONMENTS} as o`, 'o.environment_id', 'e.id')
      .where('e.desired_state', 'running')
      .whereIn('e.status', OBSERVED_STATUSES)
      .where(q =>
        q
          .whereNull('o.next_observe_at')
          .orWhere('o.next_observe_at', '<=', now.getTime()),
      )
      // NULLs first on both engines: never observed before waiting ones.
      .orderByRaw('CASE WHEN o.next_observe_at IS NULL THEN 0 ELSE 1 END')
      .orderBy('o.next_observe_at')
      .orderBy('e.id')
      .limit(limit)
      .select('e.id');
    return rows.map(row => row.id);
  }

  /** What was last observed of these environments; those never observed are absent. */
  async forEnvironments(
    ids: readonly string[],
  ): Promise<Map<string, ObservedEnvironment>> {
    const result = new Map<
      string,
      ObservedEnvironment & { services: Map<string, ServiceObservation> }
    >();
    if (ids.length === 0) return result;
    const entry = (id: string) => {
      let value = result.get(id);
      if (!value) {
        value = {
          observation: { drift: [], entityAnnotations: {}, failures: 0 },
          services: new Map(),
        };
        result.set(id, value);
      }
      return value;
    };
    // Chunked so a page of environments stays under the bound-parameter limits.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const row of await this.#db(ENVIRONMENTS).whereIn(
        'environment_id',
        chunk,
      )) {
        const { observation } = entry(row.environment_id);
        observation.drift = JSON.parse(row.drift);
        observation.entityAnnotations = JSON.parse(row.entity_annotations);
        observation.failures = Number(row.failures);
        if (row.last_error) observation.lastError = row.last_error;
        if (row.observed_at !== null) {
          observation.observedAt = new Date(
            Number(row.observed_at),
          ).toISOString();
        }
      }
      for (const row of await this.#db(SERVICES).whereIn(
        'environment_id',
        chunk,
      )) {
        entry(row.environment_id).services.set(
          row.service_name,
          toObservation(row),
        );
      }
    }
    return result;
  }
}

/** What a reader of a service's observation sees change, as one comparable text. */
function seenOf(
  phase: string,
  ready: number | string | null,
  publicUrls: string,
): string {
  return `${phase}|${ready === null ? '' : Number(ready)}|${publicUrls}`;
}

interface ServiceObservationRow {
  phase: ServiceObservation['phase'];
  ready_replicas: number | null;
  desired_replicas: number | null;
  image: string | null;
  public_urls: string;
  internal_urls: string;
  problem: string | null;
  // bigint columns come back as strings from PostgreSQL
  last_transition_at: number | string;
  observed_at: number | string;
}

function toObservation(row: ServiceObservationRow): ServiceObservation {
  const observation: ServiceObservation = {
    phase: row.phase,
    publicUrls: JSON.parse(row.public_urls),
    internalUrls: JSON.parse(row.internal_urls),
    lastTransitionAt: new Date(Number(row.last_transition_at)).toISOString(),
    observedAt: new Date(Number(row.observed_at)).toISOString(),
  };
  if (row.ready_replicas !== null && row.desired_replicas !== null) {
    observation.replicas = {
      ready: Number(row.ready_replicas),
      desired: Number(row.desired_replicas),
    };
  }
  if (row.image) observation.image = row.image;
  if (row.problem) observation.problem = row.problem;
  return observation;
}
