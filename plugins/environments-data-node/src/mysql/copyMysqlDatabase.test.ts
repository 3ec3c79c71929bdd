import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { dataRulesSchema } from '@greenroom/plugin-environments-common';
import type { MysqlConnection } from './connection';
import { copyMysqlDatabase } from './copyMysqlDatabase';

// A real MySQL-compatible server: `bash scripts/greenroom.sh test` starts a
// throwaway MariaDB and sets this (and warns loudly when it cannot).
const SERVER_URL = process.env.GREENROOM_TEST_MYSQL_URL;
const describeWithMysql = SERVER_URL ? describe : describe.skip;

jest.setTimeout(120_000);

const run = promisify(execFile);

describeWithMysql('copyMysqlDatabase on a real server', () => {
  const server = new URL(SERVER_URL ?? 'mysql://localhost');
  const suffix = randomBytes(4).toString('hex');
  const source = `gr_src_${suffix}`;
  const targets = [`gr_copy_${suffix}`, `gr_again_${suffix}`];
  const copier = `gr_copier_${suffix}`;
  const copierPassword = `pa"ss#wo\\rd' $x`;
  const loader = `gr_loader_${suffix}`;

  const admin = (database: string): MysqlConnection => ({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
    database,
  });
  /** The source as a user that may only read it. */
  const sourceConnection: MysqlConnection = {
    ...admin(source),
    user: copier,
    password: copierPassword,
  };
  /** A target as a user with the privileges the README lists, no more. */
  const targetConnection = (database: string): MysqlConnection => ({
    ...admin(database),
    user: loader,
    password: 'loader',
  });

  /** Rows of a query, tab-separated columns as the mysql client prints them. */
  async function query(database: string, sql: string): Promise<string[][]> {
    const c = admin(database);
    const { stdout } = await run(
      'mysql',
      [
        '--no-defaults',
        `--host=${c.host}`,
        `--port=${c.port}`,
        `--user=${c.user}`,
        '--batch',
        '--skip-column-names',
        '--default-character-set=utf8mb4',
        '-e',
        sql,
        database,
      ],
      { env: { ...process.env, MYSQL_PWD: c.password } },
    );
    return stdout
      .split('\n')
      .filter(Boolean)
      .map(line => line.split('\t'));
  }
  const column = async (database: string, sql: string) =>
    (await query(database, sql)).map(row => row[0]);
  const count = async (database: string, table: string) =>
    Number((await column(database, `SELECT COUNT(*) FROM \`${table}\``))[0]);

  const rules = dataRulesSchema.parse({
    sensitive: ['users.email', 'users.name', 'users.phone'],
    rules: [
      { column: 'users.email', transform: 'email' },
      { column: 'users.name', transform: 'name' },
      { column: 'users.phone', transform: 'phone' },
    ],
    subset: [
      { table: 'users', where: 'id <= 30' },
      { table: 'events', limit: 7 },
    ],
  });
  const copy = (
    target: string,
    options: Partial<Parameters<typeof copyMysqlDatabase>[0]> = {},
  ) =>
    copyMysqlDatabase({
      source: sourceConnection,
      target: targetConnection(target),
      rules,
      transformKey: 'key of this copy',
      ...options,
    });

  beforeAll(async () => {
    const users = Array.from({ length: 50 }, (_, i) => {
      const id = i + 1;
      // 10 is referred by 45 (left out), 11 by 10: both go, in two rounds
      const referredBy = { 10: 45, 11: 10, 12: 5 }[id] ?? 'NULL';
      return `(${id}, 'person${id}@corp.example', 'Person ${id} Surname', '+31 6 ${String(
        id,
      ).padStart(8, '0')}', ${referredBy})`;
    });
    const orders = Array.from({ length: 100 }, (_, i) => {
      const note = i === 0 ? `'it''s \\\\ \\n\\t "quoted" ünïcode 🚀'` : 'NULL';
      return `(${i + 1}, ${(i % 50) + 1}, ${(i * 7.25).toFixed(2)}, ${note})`;
    });
    const events = Array.from(
      { length: 20 },
      (_, i) =>
        `(${i + 1}, 'e${i + 1}', 0x00FF${i.toString(16).padStart(2, '0')}0A27)`,
    );
    await query(
      'mysql',
      `CREATE DATABASE ${source} CHARACTER SET utf8mb4;
       ${targets
         .map(t => `CREATE DATABASE ${t} CHARACTER SET utf8mb4;`)
         .join('\n')}
       CREATE USER '${copier}'@'%' IDENTIFIED BY '${copierPassword
        .replace(/\\/g, '\\\\')
        .replace(/'/g, "''")}';
       GRANT SELECT, SHOW VIEW, TRIGGER ON ${source}.* TO '${copier}'@'%';
       CREATE USER '${loader}'@'%' IDENTIFIED BY 'loader';
       ${targets
         .map(
           t =>
             `GRANT CREATE, DROP, REFERENCES, INSERT, DELETE, SELECT, CREATE VIEW, TRIGGER,
              CREATE ROUTINE, ALTER ROUTINE ON ${t}.* TO '${loader}'@'%';`,
         )
         .join('\n')}`,
    );
    await query(
      source,
      `CREATE TABLE users (
         id INT PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE, name VARCHAR(255),
         phone VARCHAR(64), referred_by INT NULL,
         FOREIGN KEY (referred_by) REFERENCES users (id));
       CREATE TABLE orders (
         id INT PRIMARY KEY, user_id INT NOT NULL, total DECIMAL(10,2), note TEXT,
         FOREIGN KEY (user_id) REFERENCES users (id));
       CREATE TABLE events (id INT AUTO_INCREMENT PRIMARY KEY, kind VARCHAR(32), payload BLOB);
       SET FOREIGN_KEY_CHECKS = 0; -- users refer to users inserted after them
       INSERT INTO users VALUES ${users.join(',')};
       INSERT INTO orders VALUES ${orders.join(',')};
       INSERT INTO events VALUES ${events.join(',')};
       CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
       CREATE TRIGGER order_event AFTER INSERT ON orders FOR EACH ROW
         INSERT INTO events (kind) VALUES ('order');`,
    );
    // what a failed earlier load may have left in the target
    await query(
      targets[0],
      `CREATE TABLE leftover (a INT); CREATE TABLE users (id INT);
       INSERT INTO users VALUES (999);`,
    );
  });

  afterAll(async () => {
    await query(
      'mysql',
      `${[source, ...targets]
        .map(d => `DROP DATABASE IF EXISTS ${d};`)
        .join('\n')}
       DROP USER IF EXISTS '${copier}'@'%', '${loader}'@'%';`,
    );
  });

  it('copies a subset through the rules into the target, replacing what was there', async () => {
    const progress: { table: string; rows: number }[] = [];
    const result = await copy(targets[0], {
      onProgress: p => progress.push(p),
    });

    expect(result).toEqual({
      rows: 137,
      tables: expect.arrayContaining([
        { table: `${source}.users`, rows: 30 },
        { table: `${source}.events`, rows: 7 },
        { table: `${source}.orders`, rows: 100 },
      ]),
    });
    // at each table: subsets first, then the whole tables
    expect(progress).toEqual([
      { table: `${source}.users`, rows: 1 },
      { table: `${source}.events`, rows: 31 },
      { table: `${source}.orders`, rows: 38 },
    ]);

    const target = targets[0];
    expect(
      await query(
        target,
        'SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1',
      ),
    ).toEqual([
      ['big_orders', 'VIEW'],
      ['events', 'BASE TABLE'],
      ['orders', 'BASE TABLE'],
      ['users', 'BASE TABLE'],
    ]);
    // the subset, less the users whose referrer was left out (10, then 11)
    // and their orders; the limit takes the first rows by primary key
    const userIds = (
      await column(target, 'SELECT id FROM users ORDER BY id')
    ).map(Number);
    expect(userIds).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1).filter(
        id => id !== 10 && id !== 11,
      ),
    );
    expect(await count(target, 'orders')).toBe(56);
    expect(await column(target, 'SELECT id FROM events ORDER BY id')).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
    // the loaded rows fired no trigger; the trigger is there afterwards
    expect(
      await column(
        target,
        'SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()',
      ),
    ).toEqual(['order_event']);
    expect(await count(target, 'big_orders')).toBe(
      Number(
        (
          await column(target, 'SELECT COUNT(*) FROM orders WHERE total > 100')
        )[0],
      ),
    );
    expect(
      await column(
        target,
        'SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()',
      ),
    ).toEqual(['0']);
  });

  it('leaves no original e-mail, name or phone, and the foreign keys hold', async () => {
    const target = targets[0];
    const before = new Set(
      (await query(source, 'SELECT email, name, phone FROM users')).flat(),
    );
    const after = await query(target, 'SELECT email, name, phone FROM users');
    expect(after).toHaveLength(28);
    for (const value of after.flat()) expect(before.has(value)).toBe(false);
    for (const [email] of after)
      expect(email).toMatch(/^user-[0-9a-f]{16}@example\.invalid$/);
    expect(new Set(after.map(([email]) => email)).size).toBe(28);

    const orphans = await column(
      target,
      `SELECT (SELECT COUNT(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE u.id IS NULL)
            + (SELECT COUNT(*) FROM users c LEFT JOIN users p ON p.id = c.referred_by
               WHERE c.referred_by IS NOT NULL AND p.id IS NULL)`,
    );
    expect(orphans).toEqual(['0']);
    // user 12's referrer (5) was copied: its key still points at it
    expect(
      await column(target, 'SELECT referred_by FROM users WHERE id = 12'),
    ).toEqual(['5']);
  });

  it('copies unruled values byte for byte', async () => {
    const sql =
      'SELECT id, user_id, total, HEX(note) FROM orders WHERE user_id <= 30 AND user_id NOT IN (10, 11) ORDER BY id';
    expect(await query(targets[0], sql)).toEqual(await query(source, sql));
    const blobs =
      'SELECT id, kind, HEX(payload) FROM events WHERE id <= 7 ORDER BY id';
    expect(await query(targets[0], blobs)).toEqual(await query(source, blobs));
  });

  it('is deterministic: the same key gives the same copy, a rerun replaces it', async () => {
    const users = 'SELECT * FROM users ORDER BY id';
    const first = await query(targets[0], users);
    await copy(targets[1]);
    expect(await query(targets[1], users)).toEqual(first);
    await copy(targets[0]);
    expect(await query(targets[0], users)).toEqual(first);
    expect(await count(targets[0], 'orders')).toBe(56);

    await copy(targets[1], { transformKey: 'another key' });
    const other = await query(targets[1], users);
    expect(other.map(row => row[1])).not.toEqual(first.map(row => row[1]));
  });

  it('leaves no row behind when the copy fails after rows were loaded', async () => {
    const failing = dataRulesSchema.parse({
      ...rules,
      subset: [
        { table: 'users', where: 'id <= 30' },
        { table: 'orders', where: 'no_such_column = 1' },
      ],
    });
    await expect(copy(targets[0], { rules: failing })).rejects.toThrow(
      /MySQL dump failed \(exit \d+\):.*no_such_column/s,
    );
    // Tables the restore created before the dump failed stay, empty; how
    // many it got to depends on timing (the failure stops it).
    const left = await column(
      targets[0],
      'SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
    );
    for (const table of left) {
      expect([table, await count(targets[0], table)]).toEqual([table, 0]);
    }
    // calling it again starts over
    await copy(targets[0]);
    expect(await count(targets[0], 'users')).toBe(28);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const copying = copy(targets[1], { signal: controller.signal });
    controller.abort(new Error('stopped by the test'));
    await expect(copying).rejects.toThrow('stopped by the test');
    await expect(
      copy(targets[1], { signal: controller.signal }),
    ).rejects.toThrow('stopped by the test');
  });
});
