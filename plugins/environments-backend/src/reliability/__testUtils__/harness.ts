// Shared by the reliability tests: the small, fast versions of the checks that
// `bash scripts/greenroom.sh soak` runs against the real backend (soak/).
import { createHash } from 'node:crypto';
import {
  TestBackend,
  TestDatabaseId,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import request from 'supertest';
import { environmentsPlugin } from '../../plugin';

type LoggerMock = ReturnType<typeof mockServices.logger.mock>;

export const API = '/api/environments';
export const SECRETS_KEY = 'test-secrets-key-that-is-long-enough';

export const stagingInput = {
  name: 'staging',
  system: 'shop',
  owner: 'team-shop',
  mode: 'staging',
  services: [
    {
      name: 'orders-api',
      kind: 'application',
      image: { repository: 'ghcr.io/example/orders-api', tag: '1.0.0' },
      ports: [{ port: 8080, public: true }],
    },
    {
      name: 'orders-db',
      kind: 'database',
      database: { engine: 'postgresql', version: '16', mode: 'container' },
    },
  ],
  variables: [
    { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
    { key: 'LOG_LEVEL', kind: 'value', value: 'info' },
  ],
};

/** One ServiceTemplate, so that the template routes have something to read. */
const template = {
  apiVersion: 'greenroom.dev/v1alpha1',
  kind: 'ServiceTemplate',
  metadata: { name: 'redis', namespace: 'default', title: 'Redis' },
  spec: {
    owner: 'group:default/platform',
    type: 'cache',
    version: '1.0.0',
    lifecycle: 'production',
    parameters: { type: 'object', properties: {} },
    service: {
      kind: 'database',
      database: { engine: 'redis', version: '7', mode: 'container' },
    },
  },
};

/**
 * The plugin on a test database. The root logger is a mock, so every log
 * line of the backend is a call on it or on one of its children. The catalog
 * double parses refs as the real catalog client does (a bad one throws a
 * TypeError).
 */
export async function startPlugin(
  knex: Knex,
): Promise<{ server: TestBackend['server']; logger: LoggerMock }> {
  const logger = mockServices.logger.mock();
  const { server } = await startTestBackend({
    features: [
      environmentsPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          environments: {
            secretsKey: SECRETS_KEY,
            localRuntime: { delayMs: 5 },
          },
        },
      }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => logger,
      }),
      catalogServiceMock.mock({
        getEntities: async () => ({ items: [template as any] }),
        getEntityByRef: async (ref: any) => {
          const parsed = parseEntityRef(ref);
          return stringifyEntityRef(parsed) ===
            stringifyEntityRef(template as any)
            ? (template as any)
            : undefined;
        },
      }).factory,
    ],
  });
  return { server, logger };
}

/** Waits until no operation is queued or running. */
export async function waitIdle(knex: Knex, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await knex('operations')
      .whereIn('status', ['queued', 'running'])
      .count({ n: '*' });
    if (Number(n) === 0) return;
    if (Date.now() > deadline) throw new Error('operations did not finish');
    await new Promise(r => setTimeout(r, 20));
  }
}

/** Creates `staging` and waits until it runs. */
export async function seedStaging(server: any, knex: Knex) {
  const res = await request(server)
    .post(`${API}/environments`)
    .send(stagingInput);
  expect(res.status).toBe(202);
  await waitIdle(knex);
  return res.body;
}

/**
 * Left out of the state hash, as in soak/checks/fuzz.mjs: activity (views and
 * POST …/activity record it), the cost rollup cache, the template versions
 * mirrored from the catalog, and knex/scheduler bookkeeping.
 */
const EXCLUDED_TABLES = new Set([
  'activity',
  'cost_daily',
  'cost_daily_days',
  'service_template_versions',
  'knex_migrations',
  'knex_migrations_lock',
  'backstage_backend_tasks__tasks',
  'backstage_backend_tasks__knex_migrations',
  'backstage_backend_tasks__knex_migrations_lock',
]);
const EXCLUDED_COLUMNS: Record<string, string[]> = {
  environments: ['last_activity_at'],
};

/** sha256 of every table's rows (all columns but the excluded ones). */
export async function stateHash(knex: Knex): Promise<Record<string, string>> {
  const tables: string[] =
    knex.client.config.client === 'pg'
      ? (
          await knex.raw(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
          )
        ).rows.map((r: any) => r.name)
      : (
          await knex.raw(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          )
        ).map((r: any) => r.name);
  const out: Record<string, string> = {};
  for (const table of tables.sort()) {
    if (EXCLUDED_TABLES.has(table)) continue;
    const skip = EXCLUDED_COLUMNS[table] ?? [];
    const rows = await knex(table).select();
    const lines = rows
      .map(row =>
        JSON.stringify(
          Object.keys(row)
            .filter(k => !skip.includes(k))
            .sort()
            .map(k => [k, String(row[k])]),
        ),
      )
      .sort();
    out[table] = createHash('sha256').update(lines.join('\n')).digest('hex');
  }
  return out;
}

export type TestDatabase = TestDatabaseId;
