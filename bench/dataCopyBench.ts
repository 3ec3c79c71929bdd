// Benchmark 6: a data copy through the rules (pg_dump | transformer | psql,
// as copyPostgresDatabase runs it) beside a plain `pg_dump | psql` of the
// same database, rounds interleaved, rows per second of each.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { DataRules } from '@greenroom/plugin-environments-common';
import { copyPostgresDatabase } from '../plugins/environments-data-node/src';
import {
  pgClient,
  postgresUrl,
  progress,
  recreateDatabase,
  timed,
} from './lib';
import { DB_PREFIX } from './listBench';

const SOURCE = `${DB_PREFIX}data_source`;
const TARGET = `${DB_PREFIX}data_target`;
const PG_BIN = process.env.GREENROOM_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Every personal column of the fixture has a rule; no subset (same rows both ways). */
export const BENCH_RULES: DataRules = {
  sensitive: [],
  rules: [
    { column: 'users.email', transform: 'email' },
    { column: 'users.name', transform: 'name' },
    { column: 'users.phone', transform: 'phone' },
    { column: 'users.password_hash', transform: 'hash' },
    { column: 'orders.contact_email', transform: 'email' },
  ],
  subset: [],
};

export interface DataCopyResult {
  rows: number;
  rounds: number;
  copyMs: number[];
  plainMs: number[];
  seedSeconds: number;
}

async function seedSource(users: number) {
  await recreateDatabase(SOURCE);
  const db = pgClient(SOURCE, { min: 0, max: 1 });
  try {
    await db.raw(`
      CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL,
        phone text, password_hash text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE orders (id bigserial PRIMARY KEY, user_id int NOT NULL REFERENCES users (id),
        status text NOT NULL, total numeric(10, 2) NOT NULL, contact_email text);
      CREATE INDEX orders_user ON orders (user_id);
      INSERT INTO users (email, name, phone, password_hash)
        SELECT format('person%s@corp.example', g), format('Person Number %s', g),
               format('+49 30 %s', 1000000 + g), md5(g::text)
        FROM generate_series(1, ${users}) g;
      INSERT INTO orders (user_id, status, total, contact_email)
        SELECT 1 + g % ${users}, CASE WHEN g % 3 = 0 THEN 'paid' ELSE 'open' END, (g % 1000) / 10.0,
               format('person%s@corp.example', 1 + g % ${users})
        FROM generate_series(1, ${users * 3}) g;
      ANALYZE;`);
  } finally {
    await db.destroy();
  }
  return users * 4;
}

function connection(database: string) {
  const url = new URL(postgresUrl());
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
  };
}

/** The reference: pg_dump piped into psql, loaded in one transaction too. */
function plainCopy() {
  const source = connection(SOURCE);
  execFileSync(
    'sh',
    [
      '-c',
      'pg_dump --no-owner -d "$0" | psql -X -q -v ON_ERROR_STOP=1 --single-transaction -d "$1" -f - > /dev/null',
      SOURCE,
      TARGET,
    ],
    {
      env: {
        ...process.env,
        PATH: `${PG_BIN}${path.delimiter}${process.env.PATH}`,
        PGHOST: source.host,
        PGPORT: String(source.port),
        PGUSER: source.user,
        PGPASSWORD: source.password,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

export async function runDataCopyBench(options: {
  users: number;
  rounds: number;
}): Promise<DataCopyResult> {
  const seeded = await timed(() => seedSource(options.users));
  const rows = seeded.result;
  progress(
    `data copy: seeded ${rows} rows in ${(seeded.ms / 1000).toFixed(1)} s`,
  );
  const copyMs: number[] = [];
  const plainMs: number[] = [];
  const ours = async () => {
    await recreateDatabase(TARGET);
    const { ms, result } = await timed(() =>
      copyPostgresDatabase({
        source: connection(SOURCE),
        target: connection(TARGET),
        rules: BENCH_RULES,
        transformKey: 'bench',
        binDir: PG_BIN,
      }),
    );
    if (result.rows !== rows) {
      throw new Error(`the copy streamed ${result.rows} rows, not ${rows}`);
    }
    copyMs.push(ms);
  };
  const plain = async () => {
    await recreateDatabase(TARGET);
    plainMs.push((await timed(async () => plainCopy())).ms);
  };
  // one warm-up of each, then rounds alternating which goes first
  await ours();
  await plain();
  copyMs.length = 0;
  plainMs.length = 0;
  for (let round = 0; round < options.rounds; round++) {
    for (const run of round % 2 === 0 ? [ours, plain] : [plain, ours]) {
      await run();
    }
    progress(
      `data copy round ${round + 1}: ours ${Math.round(
        copyMs[round],
      )} ms, plain ${Math.round(plainMs[round])} ms`,
    );
  }
  return {
    rows,
    rounds: options.rounds,
    copyMs,
    plainMs,
    seedSeconds: seeded.ms / 1000,
  };
}

export const rowsPerSecond = (rows: number, ms: number) =>
  Math.round((rows * 1000) / ms);
