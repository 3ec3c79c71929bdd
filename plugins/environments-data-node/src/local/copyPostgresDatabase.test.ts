import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  type DataRules,
  hmacSha256Hasher,
  transformValue,
} from '@greenroom/plugin-environments-common';
import type { Knex } from 'knex';
import { DATA_TRANSFORMER_SCRIPT } from '../bundle/transformerScript.generated';
import {
  type PostgresConnection,
  postgresEnv,
} from '../postgres/PostgresConnection';
import { postgresDumpScript } from '../postgres/postgresDumpScript';
import { postgresRestoreScript } from '../postgres/postgresRestoreScript';
import { DumpTransformer } from '../transformer/DumpTransformer';
import { nativeHmacHasher } from '../transformer/nativeHmacHasher';
import { parseTransformerReport } from '../transformer/transformerReport';
import { copyPostgresDatabase } from './copyPostgresDatabase';
import { seedPostgresDatabase } from './seedPostgresDatabase';

jest.setTimeout(180_000);

const PG_BIN = process.env.GREENROOM_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const KEY = 'the key of this copy';

const SOURCE_SQL = String.raw`
CREATE TABLE users (
  id serial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  phone text,
  password_hash text NOT NULL,
  notes text,
  country text,
  tier text NOT NULL
);
CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  user_id int NOT NULL REFERENCES users (id),
  status text NOT NULL,
  contact_email text
);
CREATE TABLE order_items (
  order_id bigint NOT NULL REFERENCES orders (id),
  line int NOT NULL,
  sku text NOT NULL,
  PRIMARY KEY (order_id, line)
);
CREATE TABLE shipments (
  id serial PRIMARY KEY,
  order_id bigint NOT NULL,
  line int NOT NULL,
  FOREIGN KEY (order_id, line) REFERENCES order_items (order_id, line)
);
CREATE SEQUENCE invoice_numbers START 1000;
SELECT nextval('invoice_numbers') FROM generate_series(1, 42);
INSERT INTO users (email, name, phone, password_hash, notes, country, tier)
  SELECT format('person%s@corp.example', g), format('Original Person %s', g),
         format('+49 30 %s', 1000000 + g), md5(g::text), 'lives at ' || g, 'DE',
         CASE WHEN g % 2 = 0 THEN 'gold' ELSE 'silver' END
  FROM generate_series(1, 3000) g;
UPDATE users SET name = E'Original Person Zoë\t🌱\\ \n2' WHERE id = 2;
INSERT INTO orders (user_id, status, contact_email)
  SELECT 1 + (g * 7) % 3000, CASE WHEN g % 3 = 0 THEN 'paid' ELSE 'open' END,
         format('person%s@corp.example', 1 + (g * 7) % 3000)
  FROM generate_series(1, 6000) g;
INSERT INTO order_items SELECT o.id, l, 'sku-' || l FROM orders o, generate_series(1, 2) l;
INSERT INTO shipments (order_id, line) SELECT order_id, line FROM order_items WHERE line = 1;
`;

const RULES: DataRules = {
  sensitive: [],
  rules: [
    { column: 'users.email', transform: 'email' },
    { column: 'users.name', transform: 'name' },
    { column: 'users.phone', transform: 'phone' },
    { column: 'users.password_hash', transform: 'hash' },
    { column: 'users.notes', transform: 'null' },
    { column: 'users.country', transform: 'fixed', value: 'NL' },
    { column: 'users.tier', transform: 'keep' },
    { column: 'orders.contact_email', transform: 'email' },
  ],
  subset: [
    { table: 'orders', where: "status = 'paid'" },
    { table: 'users', limit: 1000 },
  ],
};

function connectionOf(knex: Knex): PostgresConnection {
  const c = knex.client.config.connection;
  return {
    host: c.host,
    port: Number(c.port),
    user: c.user,
    password: c.password,
    database: c.database,
  };
}

async function count(knex: Knex, table: string): Promise<number> {
  const [row] = await knex(table).count({ n: '*' });
  return Number(row.n);
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
// Without the server these tests cannot run: they show as skipped (and the
// test script warns that PostgreSQL is missing), never as passed.
const describeWithPostgres = databases.supports('POSTGRES_15')
  ? describe
  : describe.skip;

describeWithPostgres('copies of PostgreSQL databases (PostgreSQL 15)', () => {
  let source: Knex;
  const copy = (
    target: Knex,
    overrides: Partial<Parameters<typeof copyPostgresDatabase>[0]> = {},
  ) =>
    copyPostgresDatabase({
      source: connectionOf(source),
      target: connectionOf(target),
      rules: RULES,
      transformKey: KEY,
      binDir: PG_BIN,
      ...overrides,
    });

  beforeAll(async () => {
    source = await databases.init('POSTGRES_15');
    await source.raw(SOURCE_SQL);
  });

  it('copies through the rules: subsets, foreign keys, constraints, sequences, and no personal data', async () => {
    const target = await databases.init('POSTGRES_15');
    const progress: number[] = [];
    const result = await copy(target, {
      onProgress: p => progress.push(p.rows),
    });

    // The subsets and the rows whose keys pointed at rows left out.
    const [{ orders, items, shipments }] = (
      await source.raw(`
        SELECT (SELECT count(*) FROM orders WHERE status = 'paid' AND user_id <= 1000) AS orders,
               (SELECT count(*) FROM order_items i JOIN orders o ON o.id = i.order_id
                 WHERE o.status = 'paid' AND o.user_id <= 1000) AS items,
               (SELECT count(*) FROM shipments s JOIN orders o ON o.id = s.order_id
                 WHERE o.status = 'paid' AND o.user_id <= 1000) AS shipments`)
    ).rows;
    expect(await count(target, 'users')).toBe(1000);
    expect(await count(target, 'orders')).toBe(Number(orders));
    expect(await count(target, 'order_items')).toBe(Number(items));
    expect(await count(target, 'shipments')).toBe(Number(shipments));
    expect(Number(orders)).toBeGreaterThan(100);
    expect((await target('users').max({ id: 'id' }).first())?.id).toBe(1000);

    // The rows streamed, before the rows left dangling were deleted.
    expect(result.tables).toEqual(
      expect.arrayContaining([
        { table: 'public.users', rows: 1000 },
        { table: 'public.orders', rows: 2000 },
        { table: 'public.order_items', rows: 12000 },
      ]),
    );
    expect(progress[progress.length - 1]).toBe(result.rows);

    // Constraints come after the data (post-data): they hold on the copy.
    const constraints = `SELECT conname, contype FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace ORDER BY conname`;
    expect((await target.raw(constraints)).rows).toEqual(
      (await source.raw(constraints)).rows,
    );
    // Sequences as in the source, ahead of every id.
    for (const sequence of ['users_id_seq', 'invoice_numbers']) {
      const read = async (db: Knex) =>
        (await db.raw(`SELECT last_value FROM ${sequence}`)).rows[0].last_value;
      expect(await read(target)).toBe(await read(source));
    }

    // The transforms, value by value.
    const hash = hmacSha256Hasher(KEY);
    const [ada, zoe] = await target('users')
      .whereIn('id', [1, 2])
      .orderBy('id');
    expect(ada).toEqual({
      id: 1,
      email: transformValue(
        { transform: 'email' },
        'person1@corp.example',
        hash,
      ),
      name: transformValue({ transform: 'name' }, 'Original Person 1', hash),
      phone: transformValue({ transform: 'phone' }, '+49 30 1000001', hash),
      password_hash: transformValue(
        { transform: 'hash' },
        'c4ca4238a0b923820dcc509a6f75849b',
        hash,
      ),
      notes: null,
      country: 'NL',
      tier: 'silver',
    });
    expect(zoe.name).toBe(
      transformValue(
        { transform: 'name' },
        'Original Person Zoë\t🌱\\ \n2',
        hash,
      ),
    );

    // Joins on transformed columns still match.
    const joined = `SELECT count(*) AS n FROM orders o JOIN users u ON u.email = o.contact_email`;
    expect(Number((await target.raw(joined)).rows[0].n)).toBe(Number(orders));

    // No original email, name, phone or hash is left anywhere.
    const everything = execFileSync(
      path.join(PG_BIN, 'pg_dump'),
      ['--no-owner'],
      {
        env: { ...process.env, ...postgresEnv(connectionOf(target)) },
        maxBuffer: 256 * 1024 * 1024,
      },
    ).toString();
    expect(everything).toContain('example.invalid');
    for (const original of [
      '@corp.example',
      'Original Person',
      '+49 30',
      'c4ca4238a0b923820dcc509a6f75849b',
      'lives at',
    ]) {
      expect(everything).not.toContain(original);
    }
  });

  it('copies every row from one snapshot when no table is subset', async () => {
    const target = await databases.init('POSTGRES_15');
    const result = await copy(target, { rules: { ...RULES, subset: [] } });
    for (const table of ['users', 'orders', 'order_items', 'shipments']) {
      expect(await count(target, table)).toBe(await count(source, table));
    }
    expect(result.rows).toBe(3000 + 6000 + 12000 + 6000);
    expect(
      await target('users').where('email', 'like', '%@corp.example'),
    ).toEqual([]);
  });

  it('skips the subset of a table the source does not have (a template ahead of its app)', async () => {
    const target = await databases.init('POSTGRES_15');
    const result = await copy(target, {
      rules: {
        ...RULES,
        subset: [...RULES.subset, { table: 'invoices', limit: 10 }],
      },
    });
    expect(await count(target, 'users')).toBeGreaterThan(0);
    expect(result.tables.map(t => t.table)).not.toContain('public.invoices');
  });

  it('is deterministic: the same key gives the same copy, another key another one', async () => {
    const [first, second, other] = await Promise.all([
      databases.init('POSTGRES_15'),
      databases.init('POSTGRES_15'),
      databases.init('POSTGRES_15'),
    ]);
    await copy(first);
    await copy(second);
    await copy(other, { transformKey: 'another key' });
    const users = (db: Knex) => db('users').orderBy('id');
    expect(await users(second)).toEqual(await users(first));
    const [a, b] = await Promise.all([users(first), users(other)]);
    expect(b.map(u => u.id)).toEqual(a.map(u => u.id));
    expect(b[0].email).not.toBe(a[0].email);
  });

  it('replaces a finished copy when run again, and a failed load leaves it as it was', async () => {
    const target = await databases.init('POSTGRES_15');
    await copy(target);
    await copy(target);
    expect(await count(target, 'users')).toBe(1000);
    const before = await target('users').orderBy('id').limit(5);

    // An integer column given a value it cannot hold: the load fails late.
    const failing: DataRules = {
      ...RULES,
      rules: [
        ...RULES.rules,
        {
          column: 'order_items.line',
          transform: 'fixed',
          value: 'not a number',
        },
      ],
    };
    const error = await copy(target, { rules: failing }).catch(e => e);
    expect(error.message).toMatch(
      /the restore \(psql into the target\) failed .*invalid input syntax for type integer/s,
    );
    expect(await count(target, 'users')).toBe(1000);
    expect(await target('users').orderBy('id').limit(5)).toEqual(before);
  });

  it('names the failing side and never shows a password', async () => {
    const target = await databases.init('POSTGRES_15');
    const password = 'a-wrong-password-1234';
    const error = await copy(target, {
      source: { ...connectionOf(source), password },
    }).catch(e => e);
    expect(error.message).toMatch(/^the dump \(pg_dump of the source\) failed/);
    expect(error.message).toContain('password authentication failed');
    expect(error.message).not.toContain(password);
  });

  it('stops when aborted, leaving the target as it was', async () => {
    const target = await databases.init('POSTGRES_15');
    await target.raw(
      'CREATE TABLE marker (id int); INSERT INTO marker VALUES (1)',
    );
    const controller = new AbortController();
    await expect(
      copy(target, {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(await count(target, 'marker')).toBe(1);
    expect(await target.schema.hasTable('users')).toBe(false);
  });

  it('runs as a job does: the bundled transformer with plain node, between the scripts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'greenroom-transformer-'));
    try {
      const env = (db: Knex) => ({
        PATH: `${PG_BIN}:${process.env.PATH}`,
        ...postgresEnv(connectionOf(db)),
      });
      writeFileSync(path.join(dir, 'transformer.js'), DATA_TRANSFORMER_SCRIPT);
      writeFileSync(path.join(dir, 'rules.json'), JSON.stringify(RULES));
      const dump = execFileSync('sh', ['-c', postgresDumpScript(RULES)], {
        env: env(source),
        maxBuffer: 256 * 1024 * 1024,
      });
      // A directory of its own, no node_modules above it: the script must
      // need nothing but Node.
      const job = spawnSync(process.execPath, ['transformer.js'], {
        cwd: dir,
        env: {
          PATH: process.env.PATH,
          GREENROOM_DATA_RULES: 'rules.json',
          GREENROOM_DATA_KEY: KEY,
        },
        input: dump,
        maxBuffer: 256 * 1024 * 1024,
      });
      expect(job.status).toBe(0);
      const out = job.stdout.toString();

      // The same bytes and counts as the transformer in this process.
      const transformer = new DumpTransformer({
        rules: RULES,
        hash: nativeHmacHasher(KEY),
      });
      expect(out).toBe(await text(Readable.from([dump]).pipe(transformer)));
      const reports = job.stderr
        .toString()
        .trim()
        .split('\n')
        .map(parseTransformerReport);
      expect(
        reports.every(r => r?.type === 'progress' || r?.type === 'done'),
      ).toBe(true);
      expect(reports[reports.length - 1]).toEqual({
        type: 'done',
        ...transformer.result(),
      });
      expect(transformer.result().rows).toBe(1000 + 2000 + 12000 + 6000);

      const target = await databases.init('POSTGRES_15');
      writeFileSync(path.join(dir, 'restore.sql'), out);
      execFileSync(
        'sh',
        ['-c', `sh -c "$0" < restore.sql > /dev/null`, postgresRestoreScript()],
        {
          cwd: dir,
          env: env(target),
        },
      );
      expect(await count(target, 'users')).toBe(1000);
      expect(readFileSync(path.join(dir, 'restore.sql'), 'utf8')).not.toContain(
        '@corp.example',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('seeds in one transaction', async () => {
    const target = await databases.init('POSTGRES_15');
    await seedPostgresDatabase({
      target: connectionOf(target),
      sql: "CREATE TABLE plans (name text PRIMARY KEY);\nINSERT INTO plans VALUES ('free'), ('pro');",
      binDir: PG_BIN,
    });
    expect(await count(target, 'plans')).toBe(2);

    const other = await databases.init('POSTGRES_15');
    await expect(
      seedPostgresDatabase({
        target: connectionOf(other),
        sql: 'CREATE TABLE a (id int);\nINSERT INTO missing VALUES (1);',
        binDir: PG_BIN,
      }),
    ).rejects.toThrow(
      /the seed \(psql into the target\) failed.*relation "missing" does not exist/s,
    );
    expect(await other.schema.hasTable('a')).toBe(false);
  });
});
