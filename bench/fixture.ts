// The benchmark data set: N environments × 10 services in the shape
// DatabaseEnvironmentsStore writes, with ~5 weeks of cost ledger, activity and
// operations; bulk-inserted with knex (one sample environment goes through
// the store's own createEnvironment and is compared with a bulk one).
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type { Service, Variable } from '@greenroom/plugin-environments-common';
import { DatabaseEnvironmentsStore } from '../plugins/environments-backend/src/storage/DatabaseEnvironmentsStore';
import { toServiceRow } from '../plugins/environments-backend/src/storage/rows';
import type { NewEnvironment } from '../plugins/environments-backend/src/storage/types';
import { SecretBox } from '../plugins/environments-backend/src/secrets/SecretBox';
import { POLICY_SWEEP_ACTOR } from '../plugins/environments-backend/src/policies/constants';
import { serviceReservation } from '../plugins/environments-backend/src/engine/ledger';
import { progress, prng, timed } from './lib';

export const SECRETS_KEY = 'greenroom-bench-only-key-not-a-secret';
export const MIGRATIONS_DIR = `${__dirname}/../plugins/environments-backend/migrations`;

/** The fixed "now" of the data set: Monday 2026-11-02 10:30 UTC (11:30 in Berlin). */
export const NOW = new Date('2026-11-02T10:30:00Z');
/** The month the cost report covers: October 2026, wholly before NOW. */
export const MONTH = {
  from: '2026-10-01T00:00:00Z',
  to: '2026-11-01T00:00:00Z',
};
/** The ledger starts here (before the rollup's 40-day backfill). */
const LEDGER_START = Date.parse('2026-09-20T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Category =
  | 'production'
  | 'staging'
  | 'dev-scheduled'
  | 'dev-late'
  | 'dev-idle'
  | 'dev-stopped'
  | 'preview';

/** Share of each category, in percent. */
const MIX: Array<[Category, number]> = [
  ['production', 8],
  ['staging', 12],
  ['dev-scheduled', 4],
  ['dev-late', 2],
  ['dev-idle', 32],
  ['dev-stopped', 12],
  ['preview', 30],
];

export interface FixtureStats {
  environments: number;
  services: number;
  variables: number;
  intervals: number;
  activity: number;
  operations: number;
  categories: Record<string, number>;
  seconds: number;
}

function categoryOf(r: ReturnType<typeof prng>): Category {
  let x = r.int(100);
  for (const [category, share] of MIX) {
    if (x < share) return category;
    x -= share;
  }
  return 'dev-idle';
}

function services(index: number, small: boolean): Service[] {
  const app = (
    name: string,
    port: number,
    pub: boolean,
    vars: Variable[] = [],
  ): Service => ({
    name,
    kind: 'application',
    componentRef: `component:default/${name}-${index % 50}`,
    image: { repository: `ghcr.io/example/${name}`, tag: `1.${index % 9}.0` },
    ports: [{ port, public: pub }],
    resources: {
      cpu: small ? '250m' : '500m',
      memory: small ? '256Mi' : '512Mi',
    },
    replicas: small ? 1 : 2,
    customDomains: [],
    variables: vars,
  });
  return [
    app('web', 3000, true, [
      { key: 'API_URL', kind: 'alias', aliasOf: 'GR_API_URL' },
    ]),
    app('api', 8080, false, [
      { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_DB_URL' },
      { key: 'REDIS_URL', kind: 'alias', aliasOf: 'GR_CACHE_URL' },
    ]),
    app('worker', 8080, false),
    app('auth', 8080, false),
    app('search', 9200, false),
    app('notifier', 8080, false),
    app('admin', 3000, true),
    {
      name: 'db',
      kind: 'database',
      template: { ref: 'servicetemplate:default/postgres', version: '1.2.0' },
      ports: [{ port: 5432, public: false }],
      resources: { cpu: '500m', memory: '1Gi', storage: '10Gi' },
      replicas: 1,
      database: { engine: 'postgresql', version: '15', mode: 'container' },
      customDomains: [],
      variables: [],
    },
    {
      name: 'cache',
      kind: 'database',
      ports: [{ port: 6379, public: false }],
      resources: { cpu: '250m', memory: '256Mi' },
      replicas: 1,
      database: { engine: 'redis', version: '7', mode: 'container' },
      customDomains: [],
      variables: [],
    },
    {
      name: 'migrate',
      kind: 'job',
      image: { repository: 'ghcr.io/example/migrate', tag: '1.0.0' },
      ports: [],
      resources: { cpu: '100m', memory: '128Mi' },
      replicas: 1,
      customDomains: [],
      variables: [],
    },
  ] as Service[];
}

interface Generated {
  input: NewEnvironment;
  category: Category;
  createdAt: number;
  lastActivityAt: number;
  /** State segments of the ledger, [start, end?, state, reason?]. */
  timeline: Array<
    [number, number | null, 'running' | 'stopped', string | null]
  >;
  activity: number[];
  stoppedBySchedule: boolean;
}

/** Weekday working hours in UTC between `from` and `to`: alternating segments. */
function dailyTimeline(
  from: number,
  to: number,
  startHour: number,
  endHour: number,
) {
  const segments: Generated['timeline'] = [];
  let state: 'running' | 'stopped' | undefined;
  let since = from;
  for (let t = from; t < to; t += HOUR) {
    const d = new Date(t);
    const weekday = d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
    const hour = d.getUTCHours();
    const s =
      weekday && hour >= startHour && hour < endHour ? 'running' : 'stopped';
    if (state !== s) {
      if (state) segments.push([since, t, state, null]);
      state = s;
      since = t;
    }
  }
  segments.push([since, null, state!, null]);
  return segments.map(
    ([a, b, st]) =>
      [
        a,
        b,
        st,
        st === 'stopped' ? 'auto-stop' : null,
      ] as Generated['timeline'][number],
  );
}

export function generate(count: number, prngSeed = 9): Generated[] {
  const r = prng(prngSeed);
  const now = NOW.getTime();
  const result: Generated[] = [];
  for (let i = 0; i < count; i++) {
    const category = categoryOf(r);
    const mode =
      category === 'production' ||
      category === 'staging' ||
      category === 'preview'
        ? category
        : 'development';
    const system = `system:default/sys-${i % 40}`;
    const owner = `group:default/team-${i % 25}`;
    const name = `${mode.slice(0, 4)}-${String(i).padStart(5, '0')}-sys${
      i % 40
    }`;
    let createdAt = LEDGER_START - r.int(30) * DAY;
    let expiresAt: number | undefined;
    let desiredState: 'running' | 'stopped' = 'running';
    let status = 'running';
    let lastActivityAt = now - r.int(60) * 60_000;
    let timeline: Generated['timeline'] = [];
    let stoppedBySchedule = false;
    const policy: Record<string, unknown> = { priority: 50 };
    switch (category) {
      case 'production':
        policy.priority = 100;
        timeline = [[createdAt, null, 'running', null]];
        break;
      case 'staging': {
        policy.idleAfter = '8h';
        // stopped over weekends (Fri 20:00 to Mon 07:00 UTC)
        timeline = [];
        let since = createdAt;
        for (let t = LEDGER_START; t < now; t += DAY) {
          const d = new Date(t);
          if (d.getUTCDay() === 5) {
            const stop = t + 20 * HOUR;
            const start = stop + 59 * HOUR;
            if (stop >= now) break;
            timeline.push([since, stop, 'running', null]);
            timeline.push([stop, Math.min(start, now), 'stopped', 'auto-stop']);
            since = start;
          }
        }
        if (since < now) timeline.push([since, null, 'running', null]);
        else timeline[timeline.length - 1][1] = null;
        break;
      }
      case 'dev-scheduled':
      case 'dev-late': {
        const active =
          category === 'dev-scheduled'
            ? 'Mon-Fri 08:00-20:00'
            : 'Mon-Fri 13:00-22:00';
        policy.schedule = { timezone: 'Europe/Berlin', active };
        policy.idleAfter = '4h';
        timeline =
          category === 'dev-scheduled'
            ? dailyTimeline(LEDGER_START, now, 7, 19)
            : dailyTimeline(LEDGER_START, now, 12, 21);
        if (category === 'dev-scheduled' && r.chance(0.3)) {
          // still stopped from the weekend: the sweep starts it
          timeline = timeline.slice(0, -1);
          timeline[timeline.length - 1][1] = null;
          desiredState = 'stopped';
          status = 'stopped';
          stoppedBySchedule = true;
        }
        if (category === 'dev-late') {
          // still running from a manual start: the sweep stops it (outside active hours)
          timeline[timeline.length - 1] = [
            timeline[timeline.length - 1][0],
            null,
            'running',
            null,
          ];
        }
        break;
      }
      case 'dev-idle': {
        policy.idleAfter = '2h';
        // running since before the ledger starts, then stop/start cycles of days
        timeline.push([createdAt, LEDGER_START, 'running', null]);
        let t = LEDGER_START;
        let state: 'running' | 'stopped' = 'running';
        while (t < now) {
          const length =
            state === 'running'
              ? DAY + r.int(3 * DAY)
              : 2 * DAY + r.int(4 * DAY);
          const end = t + length;
          timeline.push([
            t,
            end < now ? end : null,
            state,
            state === 'stopped' ? 'auto-stop' : null,
          ]);
          t = end;
          state = state === 'running' ? 'stopped' : 'running';
        }
        const last = timeline[timeline.length - 1];
        if (last[2] === 'stopped') {
          desiredState = 'stopped';
          status = 'stopped';
          lastActivityAt = last[0] - r.int(4 * HOUR);
        } else {
          const x = r.next();
          // 70% recently used, 15% about to idle out (warning), 15% idle (stop)
          if (x < 0.7) lastActivityAt = now - r.int(60) * 60_000;
          else if (x < 0.85) {
            lastActivityAt = now - 90 * 60_000 - r.int(25) * 60_000;
          } else lastActivityAt = now - 3 * HOUR - r.int(20) * HOUR;
        }
        break;
      }
      case 'dev-stopped': {
        const stop = LEDGER_START + r.int(30) * DAY;
        timeline = [
          [createdAt, stop, 'running', null],
          [stop, null, 'stopped', null],
        ];
        desiredState = 'stopped';
        status = 'stopped';
        lastActivityAt = stop - r.int(10) * HOUR;
        break;
      }
      case 'preview': {
        policy.ttl = '3d';
        policy.idleAfter = '1h';
        createdAt = now - HOUR - r.int(7 * DAY);
        const x = r.next();
        // most within their TTL; some expire within a day (warning), some expired
        if (x < 0.8) expiresAt = now + DAY + r.int(2 * DAY);
        else if (x < 0.9) expiresAt = now + r.int(20) * HOUR;
        else expiresAt = now - r.int(10) * HOUR;
        timeline = [[createdAt, null, 'running', null]];
        lastActivityAt = Math.max(createdAt, now - r.int(50) * 60_000);
        break;
      }
      default:
        throw new Error(`unknown category ${category satisfies never}`);
    }
    if (category !== 'production' && r.chance(0.01)) status = 'failed';
    // activity: about one event every three days, plus the last one
    const activity: number[] = [];
    for (
      let t = Math.max(createdAt, LEDGER_START) + r.int(3 * DAY);
      t < lastActivityAt;
      t += DAY + r.int(4 * DAY)
    ) {
      activity.push(t);
    }
    activity.push(lastActivityAt);
    const input: NewEnvironment = {
      name,
      title: `${category} environment ${i} of sys-${i % 40}`,
      system,
      owner,
      mode,
      runtime: { type: 'local' },
      services: services(i, mode !== 'production'),
      variables: [
        {
          key: 'LOG_LEVEL',
          kind: 'value',
          value: mode === 'production' ? 'info' : 'debug',
        },
        {
          key: 'PUBLIC_URL',
          kind: 'value',
          value: `https://${name}.example.com`,
        },
        { key: 'STRIPE_KEY', kind: 'secret', value: `sk_test_${i}` },
      ],
      policy: policy as any,
      desiredState,
      status: status as any,
      origin: category === 'preview' ? { type: 'preview' } : { type: 'manual' },
      attention: [],
      ...(expiresAt !== undefined && {
        expiresAt: new Date(expiresAt).toISOString(),
      }),
      createdBy: 'user:default/guest',
    };
    result.push({
      input,
      category,
      createdAt,
      lastActivityAt,
      timeline,
      activity,
      stoppedBySchedule,
    });
  }
  return result;
}

async function insertChunked(
  db: Knex,
  table: string,
  rows: object[],
  chunk: number,
) {
  for (let i = 0; i < rows.length; i += chunk) {
    await db(table).insert(rows.slice(i, i + chunk));
  }
}

/**
 * Migrates the environments database and fills it. The ledger and activity
 * are optional (the list benchmark does not need them).
 */
export async function seed(
  db: Knex,
  count: number,
  options: { ledger: boolean },
): Promise<FixtureStats> {
  const { ms, result } = await timed(async () => {
    await db.migrate.latest({ directory: MIGRATIONS_DIR });
    const secrets = new SecretBox(SECRETS_KEY);
    const store = await DatabaseEnvironmentsStore.forTest(db, secrets, {
      now: () => NOW,
    });
    const generated = generate(count);
    const stats: FixtureStats = {
      environments: 0,
      services: 0,
      variables: 0,
      intervals: 0,
      activity: 0,
      operations: 0,
      categories: {},
      seconds: 0,
    };
    const batch = 500;
    for (let start = 0; start < generated.length; start += batch) {
      const envRows: object[] = [];
      const serviceRows: object[] = [];
      const variableRows: object[] = [];
      const operationRows: object[] = [];
      const intervalRows: object[] = [];
      const activityRows: object[] = [];
      for (const g of generated.slice(start, start + batch)) {
        const e = g.input;
        const id = randomUUID();
        stats.categories[g.category] = (stats.categories[g.category] ?? 0) + 1;
        envRows.push({
          id,
          name: e.name,
          title: e.title,
          system: e.system,
          owner: e.owner,
          mode: e.mode,
          runtime_type: e.runtime.type,
          runtime_target: null,
          policy: JSON.stringify(e.policy),
          desired_state: e.desiredState,
          status: e.status,
          origin: JSON.stringify(e.origin),
          attention: JSON.stringify(e.attention),
          expires_at: e.expiresAt ? Date.parse(e.expiresAt) : null,
          last_activity_at: g.lastActivityAt,
          created_by: e.createdBy,
          created_at: g.createdAt,
          updated_at: Math.max(g.createdAt, g.lastActivityAt - HOUR),
          revision: g.stoppedBySchedule ? 2 : 1,
        });
        e.services.forEach((s, position) => {
          serviceRows.push(toServiceRow(id, s, position));
          for (const v of s.variables) {
            variableRows.push({
              environment_id: id,
              service_name: s.name,
              key: v.key,
              kind: v.kind,
              value: v.value ?? null,
              alias_of: v.aliasOf ?? null,
            });
          }
        });
        for (const v of e.variables) {
          variableRows.push({
            environment_id: id,
            service_name: '',
            key: v.key,
            kind: v.kind,
            // the store's encryption context: `<environment id>/<service or ''>/<key>`
            value:
              v.kind === 'secret'
                ? secrets.encrypt(v.value!, `${id}//${v.key}`)
                : v.value ?? null,
            alias_of: v.aliasOf ?? null,
          });
        }
        const op = (
          type: string,
          at: number,
          requestedBy: string,
          key: string | null,
        ) => ({
          id: randomUUID(),
          environment_id: id,
          environment_name: e.name,
          type,
          status: 'succeeded',
          steps: JSON.stringify([{ name: 'apply', status: 'succeeded' }]),
          input: null,
          checkpoints: '{}',
          idempotency_key: key,
          requested_by: requestedBy,
          error: null,
          attempts: 1,
          lease_owner: null,
          lease_expires_at: null,
          created_at: at,
          updated_at: at,
        });
        operationRows.push(op('create', g.createdAt, e.createdBy, null));
        if (g.stoppedBySchedule) {
          const at = g.timeline[g.timeline.length - 1][0];
          operationRows.push(
            op('stop', at, POLICY_SWEEP_ACTOR, `policy/schedule-stop/${id}/r1`),
          );
        }
        if (options.ledger) {
          for (const s of e.services) {
            // as the engine records it: a stopped interval keeps the reservation
            const reservation = serviceReservation(s);
            for (const [a, b, state, reason] of g.timeline) {
              intervalRows.push({
                environment_id: id,
                service_name: s.name,
                state,
                started_at: a,
                ended_at: b,
                cpu_cores: reservation.cpuCores,
                memory_gb: reservation.memoryGb,
                storage_gb: reservation.storageGb,
                instance_class: reservation.instanceClass ?? null,
                reason,
              });
            }
          }
          for (const at of g.activity) {
            activityRows.push({
              environment_id: id,
              kind: 'view',
              actor: 'user:default/guest',
              at,
            });
          }
        }
      }
      await insertChunked(db, 'environments', envRows, 500);
      await insertChunked(db, 'environment_services', serviceRows, 1000);
      await insertChunked(db, 'environment_variables', variableRows, 2000);
      await insertChunked(db, 'operations', operationRows, 1000);
      await insertChunked(db, 'service_intervals', intervalRows, 2000);
      await insertChunked(db, 'activity', activityRows, 2000);
      stats.environments += envRows.length;
      stats.services += serviceRows.length;
      stats.variables += variableRows.length;
      stats.operations += operationRows.length;
      stats.intervals += intervalRows.length;
      stats.activity += activityRows.length;
      if ((start / batch) % 4 === 3 || start + batch >= generated.length) {
        progress(
          `  seeded ${stats.environments}/${count} environments, ${stats.intervals} ledger intervals`,
        );
      }
    }
    await db.raw('ANALYZE');
    await checkShape(db, store, generated[0].input);
    return stats;
  });
  result.seconds = ms / 1000;
  return result;
}

/**
 * The bulk rows must read back exactly like an environment the store
 * created itself: creates one through the store, compares, deletes it.
 */
async function checkShape(
  db: Knex,
  store: DatabaseEnvironmentsStore,
  input: NewEnvironment,
) {
  const sampleName = 'bench-shape-check';
  const { environment: viaStore } = await store.createEnvironment(
    { ...input, name: sampleName },
    { type: 'create', steps: ['apply'], requestedBy: input.createdBy },
  );
  const bulk = (await store.getEnvironment(input.name))!;
  const strip = (e: any) => {
    const {
      id,
      name,
      lastActivityAt,
      createdAt,
      updatedAt,
      revision,
      ...rest
    } = e;
    return JSON.stringify(rest);
  };
  await store.deleteEnvironment(viaStore.id);
  await db('operations').where({ environment_id: viaStore.id }).delete();
  if (strip(viaStore) !== strip(bulk)) {
    throw new Error(
      `bulk-seeded environment differs from one the store created:\n store: ${strip(
        viaStore,
      )}\n bulk:  ${strip(bulk)}`,
    );
  }
  // the secret was encrypted with the store's context, so the store can read it back
  const secrets = await store.getSecretValues(bulk.id);
  if (secrets.get('/STRIPE_KEY') === undefined)
    throw new Error('bulk-seeded secret is unreadable');
}
