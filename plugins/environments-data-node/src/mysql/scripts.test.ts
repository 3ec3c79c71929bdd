import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataRulesSchema } from '@greenroom/plugin-environments-common';
import { mysqlConnectionEnv } from './connection';
import { mysqlDumpScript } from './dumpScript';
import { mysqlRestoreScript } from './restoreScript';

// Stand-ins for MySQL 8's clients: they log their arguments (one a line, a
// blank line after each call) and the option file they were given, and
// answer the scripts' queries, so the scripts run without a server.
const FAKE_MYSQLDUMP = `#!/bin/sh
if [ "$1" = --help ]; then echo '  --set-gtid-purged=name  --column-statistics'; exit 0; fi
{ for arg in "$@"; do printf '%s\\n' "$arg"; done; echo; } >> "$FAKE_LOG"
case " $* " in
  *" --no-create-info --no-data "*) echo '/*!50017 DEFINER=\`root\`@\`%\`*/ TRIGGER t1' ;;
  *" --no-data "*) echo 'CREATE /*!50013 DEFINER=\`admin\`@\`localhost\` SQL SECURITY DEFINER */ VIEW v' ;;
  *) for arg in "$@"; do last=$arg; done; echo "-- rows of $last" ;;
esac
`;
const FAKE_MYSQL = `#!/bin/sh
{ for arg in "$@"; do printf '%s\\n' "$arg"; done; echo; } >> "$FAKE_LOG"
cp "\${1#--defaults-file=}" "$FAKE_LOG.cnf"
case "$*" in
  *REFERENCED_TABLE_NAME*) printf '    DELETE c FROM orders ...; SET deleted = deleted + ROW_COUNT();\\n' ;;
  *"LOWER(t.TABLE_NAME) = 'orders'"*) printf 'Orders\\t\`id\`\\n' ;;
  *"LOWER(t.TABLE_NAME) = 'events'"*) printf 'events\\t\\n' ;;
  *"information_schema.TABLES WHERE"*) printf 'DROP TABLE IF EXISTS \`old\`;\\n' ;;
  *" -e "*|*"--raw"*) ;;
  *) cat > "$FAKE_LOG.stdin.$#" ;;
esac
`;

const PASSWORD = `pa"ss#wo\\rd' $x`;

describe('MySQL scripts', () => {
  let dir: string;
  let log: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'greenroom-mysql-scripts-'));
    log = join(dir, 'log');
    writeFileSync(join(dir, 'mysqldump'), FAKE_MYSQLDUMP);
    writeFileSync(join(dir, 'mysql'), FAKE_MYSQL);
    chmodSync(join(dir, 'mysqldump'), 0o755);
    chmodSync(join(dir, 'mysql'), 0o755);
    writeFileSync(log, '');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function run(script: string, input = '') {
    const result = spawnSync('sh', ['-c', script], {
      input,
      encoding: 'utf8',
      env: {
        PATH: `${dir}:${process.env.PATH}`,
        FAKE_LOG: log,
        ...mysqlConnectionEnv({
          host: 'db.example',
          port: 3307,
          user: 'copier',
          password: PASSWORD,
          database: 'Shop',
        }),
      },
    });
    const calls = readFileSync(log, 'utf8')
      .split('\n\n')
      .filter(Boolean)
      .map(call => call.split('\n'));
    return { ...result, calls };
  }

  const rules = dataRulesSchema.parse({
    subset: [
      { table: 'orders', where: "status = 'paid'", limit: 5 },
      { table: 'shop.events', limit: 0 },
      { table: 'other.orders', limit: 1 },
    ],
  });

  it('writes schema, rows in one transaction, the orphan deletes, then triggers', () => {
    const { status, stdout, stderr } = run(mysqlDumpScript(rules));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'SET FOREIGN_KEY_CHECKS=0;',
      'CREATE /*!50013  SQL SECURITY DEFINER */ VIEW v',
      'DELIMITER ;;',
      'CREATE PROCEDURE `greenroom_drop_orphans`()',
      'BEGIN',
      '  DECLARE deleted BIGINT DEFAULT 1;',
      '  WHILE deleted > 0 DO',
      '    SET deleted = 0;',
      '    DELETE c FROM orders ...; SET deleted = deleted + ROW_COUNT();',
      '  END WHILE;',
      'END ;;',
      'DELIMITER ;',
      'START TRANSACTION;',
      '-- rows of Orders',
      '-- rows of events',
      '-- rows of Shop',
      'CALL `greenroom_drop_orphans`();',
      'COMMIT;',
      '/*!50017 */ TRIGGER t1',
      'DROP PROCEDURE `greenroom_drop_orphans`;',
      '',
    ]);
  });

  it('dumps subsets with their where, a limit in primary key order, and the rest whole', () => {
    const { calls } = run(mysqlDumpScript(rules));
    const dumps = calls.filter(c => !c.includes('--batch'));
    const rowDumps = dumps.filter(c => c.includes('--complete-insert'));
    expect(rowDumps.map(c => c.slice(-3))).toEqual([
      ["--where=(status = 'paid') ORDER BY `id` LIMIT 5", 'Shop', 'Orders'],
      ['--where=1=1 LIMIT 0', 'Shop', 'events'],
      ['--ignore-table=Shop.Orders', '--ignore-table=Shop.events', 'Shop'],
    ]);
    for (const call of dumps) {
      expect(call).toEqual(
        expect.arrayContaining([
          '--single-transaction',
          '--set-gtid-purged=OFF',
          '--column-statistics=0',
        ]),
      );
    }
    for (const call of rowDumps) {
      expect(call).toEqual(
        expect.arrayContaining([
          '--skip-extended-insert',
          '--hex-blob',
          '--skip-triggers',
          '--skip-add-locks',
          '--skip-disable-keys',
        ]),
      );
    }
    // the subset of another database is not looked up
    expect(calls.flat().join('\n')).not.toContain("'other");
  });

  it('keeps the password in an option file, never on a command line', () => {
    const { calls } = run(mysqlDumpScript(rules));
    expect(calls.flat().join('\n')).not.toContain('pa"ss');
    expect(calls[0][0]).toMatch(/^--defaults-file=/);
    expect(readFileSync(`${log}.cnf`, 'utf8')).toBe(
      [
        '[client]',
        'host="db.example"',
        'port="3307"',
        'user="copier"',
        'password="pa\\"ss#wo\\\\rd\' $x"',
        'default-character-set=utf8mb4',
        '',
      ].join('\n'),
    );
  });

  it('stops when a subset names a table the source does not have', () => {
    const { status, stderr, stdout } = run(
      mysqlDumpScript(
        dataRulesSchema.parse({ subset: [{ table: 'missing', limit: 1 }] }),
      ),
    );
    expect(status).toBe(1);
    expect(stderr).toContain('the subset names table missing, which is not');
    expect(stdout).not.toContain('COMMIT');
  });

  it('restores by dropping what the target holds, then loading stdin', () => {
    const { status, calls } = run(mysqlRestoreScript(), 'THE STREAM\n');
    expect(status).toBe(0);
    // options and the database of each call (the query spans lines of the log)
    const options = calls.map(c =>
      c.slice(1).filter(arg => arg.startsWith('-') || arg === 'Shop'),
    );
    expect(options).toEqual([
      ['--batch', '--skip-column-names', '--raw', '-e', 'Shop'],
      ['Shop'],
      ['--binary-mode', 'Shop'],
    ]);
    expect(readFileSync(`${log}.stdin.2`, 'utf8')).toBe(
      'SET FOREIGN_KEY_CHECKS=0;\nDROP TABLE IF EXISTS `old`;\n',
    );
    expect(readFileSync(`${log}.stdin.3`, 'utf8')).toBe('THE STREAM\n');
  });
});
