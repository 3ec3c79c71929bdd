import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import fs from 'fs';
import { Knex } from 'knex';

// Every migration, one at a time, up and down, with rows in every table:
//
// 1. up from an empty database to the latest migration, a row in every table
//    after each step;
// 2. down to the first migration, the rows of the tables that stay kept;
// 3. up again to the latest, with those rows there, a row in every table
//    after each step; the schema is then that of a fresh `migrate.latest`;
// 4. down to an empty database, every `down` now running with rows in all
//    of its tables.
//
// After each step: the tables are exactly TABLES_AFTER, the columns and
// indexes are those the database had at that point of step 1, and every row
// stored before is still there (without the columns a down-step dropped).
//
// On SQLite knex drops or alters a column by rebuilding the table; inside a
// migration's transaction the foreign keys stay on, so rebuilding a parent
// (environments) deletes the rows of its ON DELETE CASCADE children. This
// test fails then; use `ALTER TABLE … DROP COLUMN` (raw) or
// `exports.config = { transaction: false }` in such a migration.

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@greenroom/plugin-environments-backend',
  'migrations',
);

// In the order knex applies them: a new migration is stepped through without
// editing this test.
const MIGRATIONS = fs
  .readdirSync(migrationsDir)
  .filter(file => file.endsWith('.js'))
  .sort();

// knex's bookkeeping, not ours.
const KNEX_TABLES = ['knex_migrations', 'knex_migrations_lock'];

// Every table after each migration, sorted. A migration missing here leaves
// the tables as they were; one that adds or drops a table must be listed.
const TABLES_AFTER: Record<string, string[]> = {
  '20261123000000_init.js': [
    'activity',
    'environment_services',
    'environment_variables',
    'environments',
    'operations',
    'service_intervals',
  ],
  '20261123130000_service_template_versions.js': [
    'activity',
    'environment_services',
    'environment_variables',
    'environments',
    'operations',
    'service_intervals',
    'service_template_versions',
  ],
  '20261123140000_policy_sweep.js': [
    'activity',
    'activity_cursors',
    'environment_services',
    'environment_variables',
    'environments',
    'operations',
    'policy_notices',
    'service_intervals',
    'service_template_versions',
  ],
  '20261123150000_database_credentials.js': [
    'activity',
    'activity_cursors',
    'database_credentials',
    'environment_services',
    'environment_variables',
    'environments',
    'operations',
    'policy_notices',
    'service_intervals',
    'service_template_versions',
  ],
  '20261123160000_cost_daily.js': [
    'activity',
    'activity_cursors',
    'cost_daily',
    'cost_daily_days',
    'database_credentials',
    'environment_services',
    'environment_variables',
    'environments',
    'operations',
    'policy_notices',
    'service_intervals',
    'service_template_versions',
  ],
  '20261123170000_orphan_sightings.js': [
    'activity',
    'activity_cursors',
    'cost_daily',
    'cost_daily_days',
    'database_credentials',
    'environment_services',
    'environment_variables',
    'environments',
    'operations',
    'orphan_sightings',
    'policy_notices',
    'service_intervals',
    'service_template_versions',
  ],
  '20261124093000_request_fingerprint.js': [
    'activity',
    'activity_cursors',
    'cost_daily',
    'cost_daily_days',
    'database_credentials',
    'environment_services',
    'environment_variables',
    'environments',
    'operations',
    'orphan_sightings',
    'policy_notices',
    'service_intervals',
    'service_template_versions',
  ],
  '20261125090000_custom_domain_holders.js': [
    'activity',
    'activity_cursors',
    'cost_daily',
    'cost_daily_days',
    'database_credentials',
    'environment_custom_domains',
    'environment_services',
    'environment_variables',
    'environments',
    'operations',
    'orphan_sightings',
    'policy_notices',
    'service_intervals',
    'service_template_versions',
  ],
  '20261207000000_observations.js': [
    'activity',
    'activity_cursors',
    'cost_daily',
    'cost_daily_days',
    'database_credentials',
    'environment_custom_domains',
    'environment_observations',
    'environment_services',
    'environment_variables',
    'environments',
    'operations',
    'orphan_sightings',
    'policy_notices',
    'service_intervals',
    'service_observations',
    'service_template_versions',
  ],
};

function tablesAfter(count: number): string[] {
  let tables: string[] = [];
  for (const migration of MIGRATIONS.slice(0, count)) {
    tables = TABLES_AFTER[migration] ?? tables;
  }
  return tables;
}

type Row = Record<string, unknown>;

const T = Date.UTC(2026, 10, 23, 12);
const HOUR = 3_600_000;
const environmentId = (n: number) =>
  `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const day = (n: number) =>
  new Date(Date.UTC(2026, 10, 1) + n * 24 * HOUR).toISOString().slice(0, 10);
const customDomain = (n: number) => `web-${n}.shop.example.com`;

// A row for each table, as the store writes them, in an order that satisfies
// the foreign keys. Rows of step n belong to environment n. Only the columns
// a table has at that point are inserted.
const ROWS: Record<string, (n: number) => Row> = {
  environments: n => ({
    id: environmentId(n),
    name: `shop-${n}`,
    title: `Shop ${n}`,
    system: 'system:default/shop',
    owner: 'group:default/Team-A',
    mode: 'development',
    runtime_type: 'kubernetes',
    runtime_target: 'dev-cluster',
    policy: JSON.stringify({ idle: { stopAfterMinutes: 60 }, ttlHours: 72 }),
    desired_state: 'running',
    status: 'running',
    origin: JSON.stringify({ kind: 'template', ref: 'template:default/shop' }),
    attention: '[]',
    expires_at: T + 72 * HOUR,
    last_activity_at: T + n,
    created_by: 'user:default/guest',
    created_at: T + n,
    updated_at: T + n,
    revision: 3,
    // From the second step on, each environment shares the first.
    baseline_environment_id: n > 1 ? environmentId(1) : null,
    baseline_environment: n > 1 ? 'shop-1' : null,
    baseline_databases: n > 1 ? 'share' : null,
  }),
  environment_services: n => ({
    environment_id: environmentId(n),
    name: 'web',
    position: 0,
    kind: 'application',
    component_ref: 'component:default/shop-web',
    template_ref: 'servicetemplate:default/node-web',
    template_version: '1.2.0',
    spec: JSON.stringify({
      kind: 'application',
      image: 'ghcr.io/acme/shop-web:1.4.2',
      ports: [{ port: 8080 }],
      customDomains: [customDomain(n)],
    }),
  }),
  environment_variables: n => ({
    environment_id: environmentId(n),
    service_name: 'web',
    key: 'DATABASE_PASSWORD',
    kind: 'secret',
    value: `v1:iv-${n}:ciphertext`,
    alias_of: null,
  }),
  environment_custom_domains: n => ({
    host: customDomain(n),
    environment_id: environmentId(n),
    service: 'web',
  }),
  operations: n => ({
    id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    environment_id: environmentId(n),
    environment_name: `shop-${n}`,
    type: 'start',
    status: 'succeeded',
    steps: JSON.stringify([{ name: 'scale-up', status: 'succeeded' }]),
    input: JSON.stringify({ services: ['web'] }),
    checkpoints: JSON.stringify({ 'scale-up': true }),
    idempotency_key: `key-${n}`,
    requested_by: 'user:default/guest',
    error: null,
    attempts: 1,
    lease_owner: null,
    lease_expires_at: null,
    created_at: T + n,
    updated_at: T + n + 1000,
    request_fingerprint: 'f'.repeat(64),
  }),
  activity: n => ({
    id: 1000 + n,
    environment_id: environmentId(n),
    kind: 'http-request',
    actor: 'user:default/guest',
    at: T + n,
  }),
  service_intervals: n => ({
    id: 1000 + n,
    environment_id: environmentId(n),
    service_name: 'web',
    state: 'running',
    started_at: T,
    ended_at: T + HOUR,
    cpu_cores: 0.5,
    memory_gb: 1,
    storage_gb: 10,
    instance_class: 'small',
    reason: 'start',
  }),
  service_template_versions: n => ({
    template_ref: 'servicetemplate:default/node-web',
    version: `1.${n}.0`,
    lifecycle: 'production',
    spec: JSON.stringify({ image: `ghcr.io/acme/node:${n}` }),
    first_seen_at: T + n,
  }),
  policy_notices: n => ({
    environment_id: environmentId(n),
    kind: 'idle-warning',
    period_key: String(T + n),
    sent_at: T + n,
  }),
  activity_cursors: n => ({
    source_id: `ingress-logs-${n}`,
    read_until: T + n,
  }),
  database_credentials: n => ({
    environment_id: environmentId(n),
    service_name: 'db',
    password: `v1:iv-${n}:ciphertext`,
    endpoint: JSON.stringify({ host: `shop-${n}-db.internal`, port: 5432 }),
    updated_at: T + n,
  }),
  cost_daily_days: n => ({
    day: day(n),
    rates_key: 'sha256:rates-v1',
    computed_at: T + n,
    source_error: n % 2 ? 'opencost: answered HTTP 503' : null,
  }),
  cost_daily: n => ({
    day: day(n),
    environment_id: environmentId(n),
    total: 1.25,
    compute: 0.75,
    storage: 0.25,
    database: 0.25,
    idle: 0.5,
    idle_hours: 6,
    savings: 0.125,
    source: n % 2 ? 'opencost' : 'estimate',
  }),
  service_observations: n => ({
    environment_id: environmentId(n),
    service_name: 'web',
    phase: 'failed',
    ready_replicas: 0,
    desired_replicas: 2,
    image: 'ghcr.io/acme/shop-web:1.4.2',
    public_urls: JSON.stringify([`https://web-${n}.shop.example.com`]),
    internal_urls: JSON.stringify([`http://web.gr-shop-${n}.svc:8080`]),
    problem: 'CrashLoopBackOff: back-off restarting failed container',
    last_transition_at: T + n,
    observed_at: T + n + 1000,
  }),
  environment_observations: n => ({
    environment_id: environmentId(n),
    observed_at: T + n,
    next_observe_at: T + n + 60_000,
    failures: 0,
    last_error: null,
    drift: JSON.stringify([{ resource: 'Deployment/web', change: 'missing' }]),
    entity_annotations: JSON.stringify({
      'backstage.io/kubernetes-namespace': `gr-shop-${n}`,
    }),
  }),
  orphan_sightings: n => ({
    key: `kubernetes/dev-cluster/namespace/env-gone-${n}`,
    source: 'kubernetes',
    first_seen_at: T + n,
  }),
};

// The rows a migration writes itself, besides creating tables: it updates
// the model of what the database holds. Tables it creates start empty unless
// listed here.
const DATA_MIGRATED: Record<string, (model: Map<string, Row[]>) => void> = {
  '20261125090000_custom_domain_holders.js': model => {
    model.set(
      'environment_custom_domains',
      (model.get('environment_services') ?? []).flatMap(service =>
        (JSON.parse(String(service.spec)).customDomains as string[]).map(
          host => ({
            host: host.toLowerCase(),
            environment_id: service.environment_id,
            service: service.name,
          }),
        ),
      ),
    );
  },
  // Days rolled up before sources were stored are the estimate.
  '20261210120000_cost_daily_sources.js': model => {
    for (const row of model.get('cost_daily') ?? []) {
      row.source ??= 'estimate';
    }
  },
};

async function listTables(knex: Knex): Promise<string[]> {
  const names: string[] =
    knex.client.config.client === 'pg'
      ? (
          await knex.raw(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
          )
        ).rows.map((row: { name: string }) => row.name)
      : (
          await knex.raw(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          )
        ).map((row: { name: string }) => row.name);
  return names.filter(name => !KNEX_TABLES.includes(name)).sort();
}

type Schema = Record<
  string,
  { columns: Record<string, Knex.ColumnInfo>; indexes: string[] }
>;

// Columns and indexes (with constraints: primary keys, unique, foreign keys)
// of every table, as the engine describes them; compared only with the same
// engine, so nothing is normalized between engines.
async function schemaOf(knex: Knex): Promise<Schema> {
  const schema: Schema = {};
  for (const table of await listTables(knex)) {
    schema[table] = {
      columns: await knex(table).columnInfo(),
      indexes: [],
    };
  }
  if (knex.client.config.client === 'pg') {
    const indexes = await knex.raw(
      'SELECT tablename AS table, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema()',
    );
    const constraints = await knex.raw(
      "SELECT conrelid::regclass::text AS table, conname || ' ' || pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = current_schema()::regnamespace",
    );
    for (const { table, def } of [...indexes.rows, ...constraints.rows]) {
      schema[table]?.indexes.push(def);
    }
  } else {
    for (const table of Object.keys(schema)) {
      const indexes = await knex.raw(
        `SELECT name, "unique", origin FROM pragma_index_list('${table}')`,
      );
      for (const index of indexes) {
        const columns = await knex.raw(
          `SELECT coalesce(name, '<expression>') AS name FROM pragma_index_info('${index.name}') ORDER BY seqno`,
        );
        // Our own indexes by name and definition (in lower case: knex writes
        // `on` when it rebuilds a table to alter it); those of primary keys
        // and unique constraints by what they cover (SQLite numbers them).
        const [{ sql }] = await knex.raw(
          "SELECT coalesce(sql, '') AS sql FROM sqlite_master WHERE name = ?",
          [index.name],
        );
        schema[table].indexes.push(
          `${index.origin}${index.unique ? ' unique' : ''} (${columns
            .map((column: { name: string }) => column.name)
            .join(', ')}) ${sql.replace(/[\s`"]+/g, ' ').toLowerCase()}`,
        );
      }
      const foreignKeys = await knex.raw(
        `SELECT "from", "table", "to", on_delete FROM pragma_foreign_key_list('${table}')`,
      );
      for (const fk of foreignKeys) {
        schema[table].indexes.push(
          `foreign key (${fk.from}) references ${fk.table}(${fk.to}) on delete ${fk.on_delete}`,
        );
      }
    }
  }
  for (const table of Object.values(schema)) table.indexes.sort();
  return schema;
}

// bigint columns read as strings on PostgreSQL and numbers on SQLite.
const normalize = (value: unknown) =>
  typeof value === 'number' || typeof value === 'bigint'
    ? String(value)
    : value ?? null;

// A table's rows over the columns it has now, in a stable order; a column
// the model row does not have (added after the row was stored) reads null.
function canonical(rows: Row[], columns: string[]): string[] {
  return rows
    .map(row =>
      JSON.stringify(
        Object.fromEntries(
          columns.map(column => [column, normalize(row[column])]),
        ),
      ),
    )
    .sort();
}

describe('migrations, one at a time', () => {
  const databases = TestDatabases.create({
    ids: ['POSTGRES_15', 'SQLITE_3'],
  });

  it('lists tables of known migrations and has a row for every table', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    for (const migration of Object.keys(TABLES_AFTER)) {
      expect(MIGRATIONS).toContain(migration);
    }
    expect(Object.keys(ROWS).sort()).toEqual(tablesAfter(MIGRATIONS.length));
  });

  it.each(databases.eachSupportedId())(
    'steps up and down through every migration with rows in every table on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const directory = migrationsDir;

      const [, pending] = await knex.migrate.list({ directory });
      expect(pending.map((p: { file: string }) => p.file)).toEqual(MIGRATIONS);

      // What the database should hold, table by table.
      const model = new Map<string, Row[]>();
      // The schema after each number of applied migrations, from step 1.
      const schemaAfter: Schema[] = [await schemaOf(knex)];
      let n = 0;

      async function expectRows(step: string, schema: Schema) {
        expect(Object.keys(schema).sort()).toEqual([...model.keys()].sort());
        for (const [table, rows] of model) {
          const columns = Object.keys(schema[table].columns).sort();
          const stored = await knex(table).select();
          expect({ step, table, rows: stored.length }).toEqual({
            step,
            table,
            rows: rows.length,
          });
          expect({ step, table, rows: canonical(stored, columns) }).toEqual({
            step,
            table,
            rows: canonical(rows, columns),
          });
        }
      }

      async function insertRows() {
        n += 1;
        for (const [table, row] of Object.entries(ROWS)) {
          if (!model.has(table)) continue;
          const columns = Object.keys(await knex(table).columnInfo());
          const stored = Object.fromEntries(
            Object.entries(row(n)).filter(([column]) =>
              columns.includes(column),
            ),
          );
          await knex(table).insert(stored);
          model.get(table)!.push(stored);
        }
      }

      async function stepUp(from: number) {
        for (let applied = from; applied < MIGRATIONS.length; applied++) {
          const migration = MIGRATIONS[applied];
          const [, names] = await knex.migrate.up({ directory });
          expect(names).toEqual([migration]);

          const tables = await listTables(knex);
          expect({ migration, tables }).toEqual({
            migration,
            tables: tablesAfter(applied + 1),
          });
          const schema = await schemaOf(knex);
          if (schemaAfter.length === applied + 1) schemaAfter.push(schema);
          expect({ migration, schema }).toEqual({
            migration,
            schema: schemaAfter[applied + 1],
          });

          for (const table of tables) {
            if (!model.has(table)) model.set(table, []);
          }
          DATA_MIGRATED[migration]?.(model);
          await expectRows(`after up ${migration}`, schema);

          const missing = tables.filter(table => !ROWS[table]);
          expect({ tablesWithoutRowFactory: missing }).toEqual({
            tablesWithoutRowFactory: [],
          });
          await insertRows();
        }
      }

      async function stepDown(to: number) {
        for (let applied = MIGRATIONS.length; applied > to; applied--) {
          const migration = MIGRATIONS[applied - 1];
          const before = await schemaOf(knex);
          const [, names] = await knex.migrate.down({ directory });
          expect(names).toEqual([migration]);

          const tables = await listTables(knex);
          expect({ migration, tables }).toEqual({
            migration,
            tables: tablesAfter(applied - 1),
          });
          const schema = await schemaOf(knex);
          expect({ migration, schema }).toEqual({
            migration,
            schema: schemaAfter[applied - 1],
          });

          // Dropped tables take their rows, dropped columns their values;
          // everything else stays.
          for (const table of [...model.keys()]) {
            if (!schema[table]) {
              model.delete(table);
              continue;
            }
            for (const column of Object.keys(before[table].columns)) {
              if (schema[table].columns[column]) continue;
              for (const row of model.get(table)!) delete row[column];
            }
          }
          await expectRows(`after down ${migration}`, schema);
        }
      }

      await stepUp(0);
      await stepDown(1);
      await stepUp(1);

      // Rows from both ways up are all there, and the schema is that of a
      // database migrated in one go.
      const counts: Record<string, number> = {};
      for (const table of await listTables(knex)) {
        const [{ rows }] = await knex(table).count({ rows: '*' });
        counts[table] = Number(rows);
      }
      expect(counts).toEqual(
        Object.fromEntries(
          [...model].map(([table, rows]) => [table, rows.length]),
        ),
      );
      expect(counts.environments).toBe(2 * MIGRATIONS.length - 1);
      const fresh = await databases.init(databaseId);
      await fresh.migrate.latest({ directory });
      expect(await schemaOf(knex)).toEqual(await schemaOf(fresh));

      await stepDown(0);
      expect(await listTables(knex)).toEqual([]);
    },
  );
});
