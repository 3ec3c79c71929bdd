/** What the stream's last line sets; the restore commits only when it is there. */
export const COPY_COMPLETE_SETTING = 'greenroom.copy_complete';

const RESTORE_SCRIPT = String.raw`#!/bin/sh
# Greenroom data copy, restore side: loads the copy stream on stdin into the
# PostgreSQL database named by the PG* variables, in one transaction that
# first replaces the public schema (the stream drops the other schemas it
# creates): a failed load leaves the target as it was, a rerun replaces a
# finished one. Needs only psql.
set -eu
{
  printf '%s\n' 'SET client_min_messages = warning;' \
    'DROP SCHEMA IF EXISTS public CASCADE;' 'CREATE SCHEMA public;' \
    'GRANT USAGE ON SCHEMA public TO PUBLIC;'
  cat
  # A stream cut short (the dump or the transformer failed) lacks its last
  # line: this fails, and nothing is committed.
  printf '\n%s\n' "DO \$greenroom\$ BEGIN IF current_setting('${COPY_COMPLETE_SETTING}', true) IS DISTINCT FROM 'yes' THEN RAISE EXCEPTION 'the copy stream ended early'; END IF; END \$greenroom\$;"
} | psql -X -q -v ON_ERROR_STOP=1 --single-transaction -f -
`;

/**
 * A POSIX shell script that loads the (transformed) copy stream from stdin
 * into the target in one transaction, replacing what was there: a failed
 * load leaves the target as it was. Reads the target from `PG*` variables.
 *
 * @public
 */
export function postgresRestoreScript(): string {
  return RESTORE_SCRIPT;
}
