import {
  type DataRules,
  type TableSubset,
  TABLE_REF_PATTERN,
  tableKey,
} from '@greenroom/plugin-environments-common';
import { COPY_COMPLETE_SETTING } from './postgresRestoreScript';
import { shellQuote } from './quoting';

/** Schemas pg_dump creates (not public, not the system's, not an extension's). */
const DROP_SCHEMAS_QUERY = [
  "SELECT format('DROP SCHEMA IF EXISTS %I CASCADE;', n.nspname) FROM pg_catalog.pg_namespace n",
  "WHERE n.nspname NOT IN ('public', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'",
  "AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')",
  'ORDER BY n.nspname',
].join(' ');

/**
 * One DELETE per foreign key (composite ones too) of rows whose key is set
 * and points at no row: the rows a subset left out.
 */
const ORPHAN_DELETES_QUERY = [
  "SELECT string_agg(format('    DELETE FROM %I.%I c WHERE %s AND NOT EXISTS (SELECT FROM %I.%I p WHERE %s);' || chr(10) ||",
  "  '    GET DIAGNOSTICS n = ROW_COUNT; deleted := deleted + n;',",
  '  cn.nspname, cc.relname, cols.not_null, pn.nspname, pc.relname, cols.matches), chr(10) ORDER BY cn.nspname, cc.relname, k.conname)',
  'FROM pg_catalog.pg_constraint k',
  'JOIN pg_catalog.pg_class cc ON cc.oid = k.conrelid JOIN pg_catalog.pg_namespace cn ON cn.oid = cc.relnamespace',
  'JOIN pg_catalog.pg_class pc ON pc.oid = k.confrelid JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace',
  "CROSS JOIN LATERAL (SELECT string_agg(format('c.%I IS NOT NULL', ca.attname), ' AND ') AS not_null,",
  "  string_agg(format('p.%I = c.%I', pa.attname, ca.attname), ' AND ') AS matches",
  '  FROM unnest(k.conkey, k.confkey) AS u(child, parent)',
  '  JOIN pg_catalog.pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = u.child',
  '  JOIN pg_catalog.pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = u.parent) cols',
  "WHERE k.contype = 'f' AND k.conparentid = 0",
].join('\n');

const ORPHANS_TAG = '$greenroom_orphans$';

const PRELUDE = String.raw`#!/bin/sh
# Greenroom data copy, dump side: writes the copy stream of the PostgreSQL
# database named by the PG* variables to stdout. Generated from the data
# rules by postgresDumpScript; needs only pg_dump and psql.
set -eu

# Every session only reads: the subsets' conditions run against the source.
PGOPTIONS="${'$'}{PGOPTIONS:-} -c default_transaction_read_only=on"
export PGOPTIONS

fail() {
  echo "greenroom dump: $*" >&2
  exit 1
}

note() {
  echo "greenroom dump: $*" >&2
}

# Runs one statement read-only; prints rows unaligned, without headers.
query() {
  psql -X -q -A -t -v ON_ERROR_STOP=1 \
    -c 'SET default_transaction_read_only = on' -c "$1"
}

dump() {
  pg_dump --no-owner --no-privileges --no-publications --no-subscriptions \
    --no-security-labels --no-tablespaces "$@"
}

# The table of a subset by its lower-cased schema and name (identifier
# characters only): sets table (quoted where needed: valid SQL, and a
# pg_dump pattern of this table alone), its columns as pg_dump copies them
# (not generated ones) and its primary key (so a limit takes the same rows
# every time).
find_table() {
  from="FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
  match="c.relkind IN ('r', 'p') AND lower(n.nspname) = '$1' AND lower(c.relname) = '$2'"
  found=$(query "SELECT count(*) $from WHERE $match")
  # A table the source does not have (yet) has no rows to subset.
  [ "$found" = 0 ] && { table=''; note "subset: no table $1.$2 in the source, skipped"; return 0; }
  [ "$found" = 1 ] || fail "subset: more than one table $1.$2 in the source (names differing in case)"
  table=$(query "SELECT min(format('%I.%I', n.nspname, c.relname)) $from WHERE $match")
  columns=$(query "SELECT string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum) $from
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    WHERE $match")
  order=$(query "SELECT string_agg(format('%I', a.attname), ', ' ORDER BY array_position(i.indkey::int2[], a.attnum)) $from
    JOIN pg_catalog.pg_index i ON i.indrelid = c.oid AND i.indisprimary
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey)
    WHERE $match")
}
`;

function resolveSubset(subset: TableSubset, i: number): string {
  const ref = tableKey(subset.table);
  if (!TABLE_REF_PATTERN.test(ref)) {
    throw new Error(`subset: ${subset.table} is not a table name`);
  }
  const [schema, table] = ref.split('.');
  return [
    `find_table ${shellQuote(schema)} ${shellQuote(table)}`,
    `table_${i}=$table`,
    'if [ -n "$table" ]; then',
    // The condition alone first: one that is not a single expression (that
    // closes a parenthesis it did not open) fails here, before it is placed
    // inside the COPY statement.
    ...(subset.where
      ? [
          `  query "SELECT FROM $table WHERE "${shellQuote(
            subset.where,
          )}" LIMIT 0" >/dev/null`,
        ]
      : []),
    `  columns_${i}=$columns order_${i}=$order`,
    '  set -- "$@" "--exclude-table-data=$table"',
    'fi',
  ].join('\n');
}

function copySubset(subset: TableSubset, i: number): string {
  const where = subset.where ? shellQuote(` WHERE (${subset.where})`) : '';
  const limit = subset.limit !== undefined ? ` LIMIT ${subset.limit}` : '';
  return [
    `if [ -n "$table_${i}" ]; then`,
    `  printf 'COPY %s (%s) FROM stdin;\\n' "$table_${i}" "$columns_${i}"`,
    `  query "COPY (SELECT $columns_${i} FROM $table_${i}"${where}"\${order_${i}:+ ORDER BY $order_${i}}${limit}) TO STDOUT"`,
    `  printf '%s\\n' '\\.'`,
    'fi',
  ].join('\n');
}

/**
 * A POSIX shell script for the engine's official client image that writes
 * the copy stream of the source to stdout: the schema, the data of every
 * table (subsets applied in SQL, read-only), statements that drop rows whose
 * foreign keys point at rows left out, then indexes and constraints. Reads
 * the source from the standard `PG*` variables.
 *
 * @public
 */
export function postgresDumpScript(rules: DataRules): string {
  const subsets = rules.subset;
  const dropSchemas = [
    '# The schemas the dump creates, dropped first: the restore replaces them.',
    `query ${shellQuote(DROP_SCHEMAS_QUERY)}`,
  ];
  const complete = [
    '# The restore commits only after this line: a stream cut short loads nothing.',
    `printf '%s\\n' "SET ${COPY_COMPLETE_SETTING} = 'yes';"`,
    '',
  ];
  if (subsets.length === 0) {
    // Every row of every table, from one snapshot: no key can dangle.
    return [PRELUDE, ...dropSchemas, 'dump', ...complete].join('\n');
  }
  return [
    PRELUDE,
    '# Tables copied in part: found first, their data left out of the full dump.',
    'set --',
    ...subsets.map(resolveSubset),
    '',
    ...dropSchemas,
    'dump --section=pre-data',
    'dump --data-only "$@"',
    ...subsets.map(copySubset),
    '',
    '# Rows whose foreign keys point at rows left out (or at rows the sections,',
    '# dumped one after the other, do not share), deleted until none is left',
    '# (chains of keys), before post-data creates the constraints.',
    `deletes=$(query ${shellQuote(ORPHAN_DELETES_QUERY)})`,
    'if [ -n "$deletes" ]; then',
    `  case $deletes in *${shellQuote(
      ORPHANS_TAG,
    )}*) fail 'a name holds ${ORPHANS_TAG}' ;; esac`,
    `  printf '%s\\n' ${shellQuote(
      `DO ${ORPHANS_TAG}`,
    )} 'DECLARE n bigint; deleted bigint;' 'BEGIN' '  LOOP' '    deleted := 0;' "$deletes" '    EXIT WHEN deleted = 0;' '  END LOOP;' 'END' ${shellQuote(
      `${ORPHANS_TAG};`,
    )}`,
    'fi',
    '',
    'dump --section=post-data',
    ...complete,
  ].join('\n');
}
