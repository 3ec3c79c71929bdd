import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import { dataRulesSchema } from '@greenroom/plugin-environments-common';
import {
  TRANSFORMER_BUNDLE_FILE,
  renderTransformerBundle,
} from '../../scripts/renderTransformerBundle';
import { type MysqlConnection, mysqlConnectionEnv } from '../mysql/connection';
import { mysqlDumpScript } from '../mysql/dumpScript';
import { MysqlDumpTransformer } from '../mysql/MysqlDumpTransformer';
import { mysqlRestoreScript } from '../mysql/restoreScript';
import { mysqlDumpTransformStream } from '../mysql/transformStream';
import { DumpTransformer } from '../transformer/DumpTransformer';
import { nativeHmacHasher } from '../transformer/nativeHmacHasher';
import { parseTransformerReport } from '../transformer/transformerReport';
import { DATA_TRANSFORMER_SCRIPT } from './transformerScript.generated';

const KEY = 'the key of this copy';
const RULES = dataRulesSchema.parse({
  sensitive: ['users.email', 'users.name'],
  rules: [
    { column: 'users.email', transform: 'email' },
    { column: 'users.name', transform: 'name' },
  ],
});
/** What MariaDB 10.11 gave for `mysqlDumpScript` on a small `shop` database. */
const RECORDED_MYSQL_DUMP = readFileSync(
  path.join(__dirname, '__fixtures__/mysqldump-shop.sql'),
);

describe('transformerScript.generated.ts', () => {
  it('holds the transformer as it is now (else run `yarn generate`)', async () => {
    expect(readFileSync(TRANSFORMER_BUNDLE_FILE, 'utf8')).toBe(
      await renderTransformerBundle(),
    );
  });
});

describe('DATA_TRANSFORMER_SCRIPT run as a job runs it', () => {
  let dir: string;
  beforeAll(() => {
    // A directory of its own, no node_modules above it: the script must need
    // nothing but Node.
    dir = mkdtempSync(path.join(tmpdir(), 'greenroom-bundle-'));
    writeFileSync(path.join(dir, 'transformer.js'), DATA_TRANSFORMER_SCRIPT);
    writeFileSync(path.join(dir, 'rules.json'), JSON.stringify(RULES));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runBundle(env: Record<string, string>, input: Buffer) {
    const run = spawnSync(process.execPath, ['transformer.js'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        GREENROOM_DATA_RULES: 'rules.json',
        GREENROOM_DATA_KEY: KEY,
        ...env,
      },
      input,
      maxBuffer: 64 * 1024 * 1024,
    });
    const stderr = run.stderr.toString();
    return {
      status: run.status,
      stdout: run.stdout,
      stderr,
      reports: stderr.trim().split('\n').map(parseTransformerReport),
    };
  }

  /** The dump through the MySQL transformer in this process. */
  async function transformMysqlHere(dump: Buffer, database: string) {
    const transformer = new MysqlDumpTransformer({
      rules: RULES,
      database,
      hash: nativeHmacHasher(KEY),
    });
    const out = await buffer(
      Readable.from([dump]).pipe(mysqlDumpTransformStream(transformer)),
    );
    return { out, result: transformer.result() };
  }

  it('rewrites a recorded mysqldump stream byte for byte as the transformer in this process does', async () => {
    const run = runBundle(
      { GREENROOM_DATA_ENGINE: 'mysql', GREENROOM_SOURCE_DATABASE: 'shop' },
      RECORDED_MYSQL_DUMP,
    );
    expect(run.status).toBe(0);

    const here = await transformMysqlHere(RECORDED_MYSQL_DUMP, 'shop');
    expect(run.stdout.equals(here.out)).toBe(true);
    expect(here.result).toEqual({
      rows: 5,
      tables: [
        { table: 'shop.orders', rows: 2 },
        { table: 'shop.users', rows: 3 },
      ],
    });
    expect(run.reports).toEqual([
      { type: 'progress', table: 'shop.orders', rows: 1 },
      { type: 'done', ...here.result },
    ]);
    const out = run.stdout.toString('utf8');
    expect(out).not.toMatch(/corp\.example|Lovelace|O\\'Brien/);
    // Unruled values and everything around the rows pass as they were.
    expect(out).toContain(
      "INSERT INTO `orders` (`id`, `user_id`, `note`) VALUES (10,1,'it\\'s \\\\ a \\\"note\\\"\\nwith a newline');",
    );
    expect(out).toMatch(/'GB',0x00FF0A27\);/);
    expect(out.replace(/VALUES \(.*\);/g, '')).toBe(
      RECORDED_MYSQL_DUMP.toString('utf8').replace(/VALUES \(.*\);/g, ''),
    );
  });

  it('reads pg_dump when no engine is named', async () => {
    const dump = Buffer.from(
      [
        'COPY public.users (id, email, name) FROM stdin;',
        '1\tada@corp.example\tAda Lovelace',
        '\\.',
        '',
      ].join('\n'),
    );
    const run = runBundle({}, dump);
    expect(run.status).toBe(0);
    const transformer = new DumpTransformer({
      rules: RULES,
      hash: nativeHmacHasher(KEY),
    });
    expect(run.stdout.toString()).toBe(
      await text(Readable.from([dump]).pipe(transformer)),
    );
    expect(run.stdout.toString()).not.toContain('corp.example');
    expect(run.reports.at(-1)).toEqual({
      type: 'done',
      rows: 1,
      tables: [{ table: 'public.users', rows: 1 }],
    });
  });

  it('exits 1 naming the variable a MySQL dump needs, or an engine it does not know', () => {
    const withoutDatabase = runBundle(
      { GREENROOM_DATA_ENGINE: 'mysql' },
      RECORDED_MYSQL_DUMP,
    );
    expect(withoutDatabase.status).toBe(1);
    expect(withoutDatabase.stdout.length).toBe(0);
    expect(withoutDatabase.stderr).toBe(
      'greenroom transformer: GREENROOM_SOURCE_DATABASE must name the source database of a mysql dump\n',
    );

    const unknown = runBundle(
      { GREENROOM_DATA_ENGINE: 'oracle' },
      RECORDED_MYSQL_DUMP,
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe(
      'greenroom transformer: GREENROOM_DATA_ENGINE must be one of postgresql, mysql, not "oracle"\n',
    );
  });

  it('stops a MySQL copy at a row it cannot read, naming the line and never a value', () => {
    const cut = RECORDED_MYSQL_DUMP.subarray(
      0,
      RECORDED_MYSQL_DUMP.indexOf('ada@corp') + 3,
    );
    const run = runBundle(
      { GREENROOM_DATA_ENGINE: 'mysql', GREENROOM_SOURCE_DATABASE: 'shop' },
      cut,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /greenroom transformer: cannot copy line \d+ of the dump: expected .* at byte \d+\n$/,
    );
    expect(run.stderr).not.toContain('ada');
  });

  // A real MySQL-compatible server, as the MySQL copy tests use:
  // `bash scripts/greenroom.sh test` starts a throwaway MariaDB and sets it.
  const SERVER_URL = process.env.GREENROOM_TEST_MYSQL_URL;
  (SERVER_URL ? describe : describe.skip)('on a real MySQL dump', () => {
    jest.setTimeout(60_000);
    const server = new URL(SERVER_URL ?? 'mysql://localhost');
    const suffix = randomBytes(4).toString('hex');
    const source = `gr_bsrc_${suffix}`;
    const target = `gr_bcopy_${suffix}`;
    const connection = (database: string): MysqlConnection => ({
      host: server.hostname,
      port: Number(server.port || 3306),
      user: decodeURIComponent(server.username),
      password: decodeURIComponent(server.password),
      database,
    });
    const sh = (script: string, database: string, input?: Buffer) =>
      execFileSync('sh', ['-c', script], {
        env: {
          PATH: process.env.PATH,
          ...mysqlConnectionEnv(connection(database)),
        },
        input,
        maxBuffer: 64 * 1024 * 1024,
      });
    /** Rows of a query as the mysql client prints them, tab-separated. */
    const query = (database: string, sql: string) =>
      sh(
        `MYSQL_PWD="$MYSQL_PASSWORD" mysql --no-defaults --user="$MYSQL_USER" --host="$MYSQL_HOST" --port="$MYSQL_PORT" --batch --skip-column-names --default-character-set=utf8mb4 "$MYSQL_DATABASE"`,
        database,
        Buffer.from(sql),
      )
        .toString('utf8')
        .split('\n')
        .filter(Boolean);

    beforeAll(() => {
      query(
        'mysql',
        `CREATE DATABASE ${source} CHARACTER SET utf8mb4;
         CREATE DATABASE ${target} CHARACTER SET utf8mb4;`,
      );
      const users = Array.from(
        { length: 2500 },
        (_, i) =>
          `(${i + 1}, 'person${i + 1}@corp.example', 'Person ${i + 1}')`,
      );
      query(
        source,
        `CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE, name VARCHAR(255));
         INSERT INTO users VALUES ${users.join(',')};`,
      );
    });
    afterAll(() => {
      query(
        'mysql',
        `DROP DATABASE IF EXISTS ${source}; DROP DATABASE IF EXISTS ${target};`,
      );
    });

    it("transforms the dump script's stream, which the restore script loads", async () => {
      const dump = sh(mysqlDumpScript(RULES), source);
      const run = runBundle(
        { GREENROOM_DATA_ENGINE: 'mysql', GREENROOM_SOURCE_DATABASE: source },
        dump,
      );
      expect(run.status).toBe(0);
      const here = await transformMysqlHere(dump, source);
      expect(run.stdout.equals(here.out)).toBe(true);
      expect(run.reports.at(-1)).toEqual({
        type: 'done',
        rows: 2500,
        tables: [{ table: `${source}.users`, rows: 2500 }],
      });

      sh(mysqlRestoreScript(), target, run.stdout);
      const emails = query(target, 'SELECT email FROM users');
      expect(emails).toHaveLength(2500);
      expect(new Set(emails).size).toBe(2500);
      for (const email of emails) {
        expect(email).toMatch(/^user-[0-9a-f]{16}@example\.invalid$/);
      }
    });
  });
});
