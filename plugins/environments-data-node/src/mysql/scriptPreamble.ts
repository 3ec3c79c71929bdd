/** A string as one sh word. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The start of the MySQL dump and restore scripts (POSIX sh, for the
 * official `mysql:8` image): stop at the first error, a private work
 * directory removed on exit, and the connection from `MYSQL_HOST`,
 * `MYSQL_PORT`, `MYSQL_USER`, `MYSQL_PASSWORD` and `MYSQL_DATABASE` written
 * to an option file, so the password is never on a command line. Defines
 * `query SQL` (tab-separated rows, no header) and `client` (mysql) for the
 * database. Option-file values are double-quoted with `\` and `"` escaped.
 */
export const MYSQL_SCRIPT_PREAMBLE = `set -eu
db=$MYSQL_DATABASE
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM
option() { printf '%s="%s"\\n' "$1" "$(printf '%s' "$2" | sed 's/[\\\\"]/\\\\&/g')"; }
{
  echo '[client]'
  option host "$MYSQL_HOST"
  option port "$MYSQL_PORT"
  option user "$MYSQL_USER"
  option password "$MYSQL_PASSWORD"
  echo 'default-character-set=utf8mb4'
} > "$work/client.cnf"
client() { mysql --defaults-file="$work/client.cnf" "$@"; }
query() { client --batch --skip-column-names --raw -e "$1" "$db"; }
`;
