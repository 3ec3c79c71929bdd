import type {
  DataRules,
  TableSubset,
} from '@greenroom/plugin-environments-common';
import { MYSQL_SCRIPT_PREAMBLE, shellQuote } from './scriptPreamble';

/**
 * The procedure the copy stream creates and drops to delete the rows whose
 * foreign keys point at rows left out, until none is left.
 */
export const ORPHANS_PROCEDURE = 'greenroom_drop_orphans';

/**
 * One `DELETE ...; SET deleted = deleted + ROW_COUNT();` line per foreign key
 * between tables of the database: the rows whose (non-NULL) key has no
 * parent. Run against the source, whose schema the copy recreates.
 */
const ORPHAN_DELETES_SQL = `SET SESSION group_concat_max_len = 1048576;
SELECT CONCAT(
  '    DELETE c FROM \`', REPLACE(TABLE_NAME, '\`', '\`\`'),
  '\` AS c LEFT JOIN \`', REPLACE(REFERENCED_TABLE_NAME, '\`', '\`\`'), '\` AS p ON ',
  GROUP_CONCAT(CONCAT('p.\`', REPLACE(REFERENCED_COLUMN_NAME, '\`', '\`\`'), '\` = c.\`',
    REPLACE(COLUMN_NAME, '\`', '\`\`'), '\`') ORDER BY ORDINAL_POSITION SEPARATOR ' AND '),
  ' WHERE ',
  GROUP_CONCAT(CONCAT('c.\`', REPLACE(COLUMN_NAME, '\`', '\`\`'), '\` IS NOT NULL')
    ORDER BY ORDINAL_POSITION SEPARATOR ' AND '),
  ' AND p.\`', REPLACE(MIN(CASE WHEN ORDINAL_POSITION = 1 THEN REFERENCED_COLUMN_NAME END), '\`', '\`\`'),
  '\` IS NULL; SET deleted = deleted + ROW_COUNT();')
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_SCHEMA = DATABASE()
GROUP BY TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME
ORDER BY TABLE_NAME, CONSTRAINT_NAME`;

/**
 * A base table by its lower-cased name (appended in quotes), with its
 * primary key columns as an ORDER BY list, tab-separated.
 */
const SUBSET_TABLE_SQL = `SELECT t.TABLE_NAME, IFNULL((
  SELECT GROUP_CONCAT(CONCAT('\`', REPLACE(k.COLUMN_NAME, '\`', '\`\`'), '\`') ORDER BY k.ORDINAL_POSITION)
  FROM information_schema.KEY_COLUMN_USAGE k
  WHERE k.TABLE_SCHEMA = t.TABLE_SCHEMA AND k.TABLE_NAME = t.TABLE_NAME AND k.CONSTRAINT_NAME = 'PRIMARY'
), '')
FROM information_schema.TABLES t
WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' AND LOWER(t.TABLE_NAME) = `;

/** View and trigger definers become the restoring user: the source's users need not exist in the target. */
const STRIP_DEFINERS = "sed 's/DEFINER=`[^`]*`@`[^`]*`//g'";

const DUMP_FUNCTIONS = `# Options of MySQL's own mysqldump that MariaDB's lacks: no GTID statements
# (setting GTIDs needs privileges on the target), no column statistics.
mysqldump_help=$(mysqldump --help)
mysql_only=
case $mysqldump_help in *--set-gtid-purged*) mysql_only="--set-gtid-purged=OFF" ;; esac
case $mysqldump_help in *--column-statistics*) mysql_only="$mysql_only --column-statistics=0" ;; esac
dump() {
  mysqldump --defaults-file="$work/client.cnf" --single-transaction --no-tablespaces \\
    --skip-add-locks $mysql_only "$@"
}
# Rows one statement a line with their column list (what the transformer reads),
# binary values in hex, and nothing that would commit the restore's transaction.
dump_rows() {
  dump --no-create-info --skip-triggers --skip-extended-insert --complete-insert --hex-blob \\
    --skip-disable-keys "$@"
}
dblower=$(printf '%s' "$db" | tr 'A-Z' 'a-z')
subset_tables=
# subset TABLE DATABASE WHERE LIMIT: the rows of one subset table (TABLE and
# DATABASE lower-case; DATABASE empty when the rule names none, LIMIT empty for none)
subset() {
  [ -z "$2" ] || [ "$2" = "$dblower" ] || return 0
  found=$(query "$subset_table_sql'$1'")
  if [ -z "$found" ]; then
    echo "greenroom: the subset names table $1, which is not in the source database" >&2
    exit 1
  fi
  name=$(printf '%s\\n' "$found" | head -n 1 | cut -f 1)
  order=$(printf '%s\\n' "$found" | head -n 1 | cut -f 2)
  where=$3
  if [ -n "$4" ]; then
    # ordered by the primary key, so that the same rows are taken every time
    [ -z "$order" ] || where="$where ORDER BY $order"
    where="$where LIMIT $4"
  fi
  subset_tables="$subset_tables $name"
  dump_rows --where="$where" "$db" "$name"
}
`;

function subsetCall(subset: TableSubset): string {
  const parts = subset.table.toLowerCase().split('.');
  const [database, table] = parts.length === 2 ? parts : ['', parts[0]];
  const where = subset.where === undefined ? '1=1' : `(${subset.where})`;
  return `subset ${[table, database, where, String(subset.limit ?? '')]
    .map(shellQuote)
    .join(' ')}`;
}

/**
 * A POSIX shell script for the official `mysql:8` image that writes the copy
 * stream of a MySQL database to stdout (connection: see
 * `mysqlConnectionEnv`):
 *
 * 1. the schema (tables and views, definers dropped), with foreign key
 *    checks off for the whole load;
 * 2. `START TRANSACTION`, the rows of every table (subsets by `--where`, a
 *    limit ordered by the primary key), then a procedure run that deletes
 *    rows whose foreign keys point at rows left out, over and over until
 *    none is left (MySQL does not check existing rows when checks come back
 *    on), and `COMMIT`;
 * 3. the triggers, after the rows, so that loading fires none.
 *
 * Each table is read in its own consistent snapshot (`--single-transaction`):
 * rows written to the source meanwhile may be missing, never half-copied,
 * and rows orphaned by them are deleted like the subset's. Routines and
 * events are not copied. The source needs SELECT, SHOW VIEW and TRIGGER;
 * give it a read-only user, since MySQL cannot make mysqldump's session
 * read-only.
 *
 * @public
 */
export function mysqlDumpScript(rules: DataRules): string {
  return `${MYSQL_SCRIPT_PREAMBLE}${DUMP_FUNCTIONS}
subset_table_sql=${shellQuote(SUBSET_TABLE_SQL)}

echo 'SET FOREIGN_KEY_CHECKS=0;'
dump --no-data --skip-triggers "$db" > "$work/schema.sql"
${STRIP_DEFINERS} "$work/schema.sql"

query ${shellQuote(ORPHAN_DELETES_SQL)} > "$work/orphans.sql"
if [ -s "$work/orphans.sql" ]; then
  printf '%s\\n' 'DELIMITER ;;' 'CREATE PROCEDURE \`${ORPHANS_PROCEDURE}\`()' 'BEGIN' '  DECLARE deleted BIGINT DEFAULT 1;' \\
    '  WHILE deleted > 0 DO' '    SET deleted = 0;'
  cat "$work/orphans.sql"
  printf '%s\\n' '  END WHILE;' 'END ;;' 'DELIMITER ;'
fi

echo 'START TRANSACTION;'
${rules.subset.map(subsetCall).join('\n')}
set --
for table in $subset_tables; do set -- "$@" "--ignore-table=$db.$table"; done
dump_rows "$@" "$db"
if [ -s "$work/orphans.sql" ]; then echo 'CALL \`${ORPHANS_PROCEDURE}\`();'; fi
echo 'COMMIT;'

dump --no-create-info --no-data --triggers "$db" > "$work/triggers.sql"
${STRIP_DEFINERS} "$work/triggers.sql"
if [ -s "$work/orphans.sql" ]; then echo 'DROP PROCEDURE \`${ORPHANS_PROCEDURE}\`;'; fi
`;
}
