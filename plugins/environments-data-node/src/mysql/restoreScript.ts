import { ORPHANS_PROCEDURE } from './dumpScript';
import { MYSQL_SCRIPT_PREAMBLE, shellQuote } from './scriptPreamble';

/**
 * Statements that drop what the target database holds: its tables and
 * views (their triggers go with them) and the orphan-deleting procedure a
 * failed load may have left.
 */
const DROP_ALL_SQL = `SELECT CONCAT('DROP ', IF(TABLE_TYPE = 'VIEW', 'VIEW', 'TABLE'), ' IF EXISTS \`',
  REPLACE(TABLE_NAME, '\`', '\`\`'), '\`;')
FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()
UNION ALL
SELECT CONCAT('DROP PROCEDURE \`', ROUTINE_NAME, '\`;')
FROM information_schema.ROUTINES
WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME = '${ORPHANS_PROCEDURE}'`;

/** Drops every table and view of the target database (before a load). */
const dropAll = `${MYSQL_SCRIPT_PREAMBLE}
{
  echo 'SET FOREIGN_KEY_CHECKS=0;'
  query ${shellQuote(DROP_ALL_SQL)}
} > "$work/drop.sql"
client "$db" < "$work/drop.sql"
`;

/**
 * A POSIX shell script for the official `mysql:8` image that loads a copy
 * stream (`mysqlDumpScript`, transformed) from stdin into the target
 * database (connection: see `mysqlConnectionEnv`), replacing what was
 * there: it first drops every table and view of the target, so a rerun
 * replaces a partial load.
 *
 * What is atomic: the rows. They load in one InnoDB transaction that
 * commits at the end of the stream's data, so a load that fails or is cut
 * off leaves no row behind. What is not: MySQL commits each DDL statement
 * on its own, so the dropped tables stay dropped and the tables created
 * before a failure stay (empty); the triggers come after the commit, so a
 * failure there leaves the rows without some triggers. Tables of
 * non-transactional engines (MyISAM, MEMORY) keep the rows loaded before a
 * failure. Calling it again starts over.
 *
 * @public
 */
export function mysqlRestoreScript(): string {
  return `${dropAll}# --binary-mode: the rows may hold any byte; DELIMITER still works
client --binary-mode "$db"
`;
}

/**
 * A POSIX shell script that empties the target database as
 * `mysqlRestoreScript` does before it loads: what a copy runs after a
 * failure, which may have stopped the restore before it dropped anything.
 */
export function mysqlDropAllScript(): string {
  return dropAll;
}
