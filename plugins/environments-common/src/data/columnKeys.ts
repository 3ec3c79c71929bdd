// Column and table references as rules compare them. No schema library
// here: the transformer bundle a job runs imports these alone.

/**
 * A column reference with its schema, lower-cased: `users.email` and
 * `public.users.email` are the same column (`public` being PostgreSQL's
 * default schema; pass MySQL's database name instead).
 *
 * @public
 */
export function columnKey(ref: string, defaultSchema = 'public'): string {
  const parts = ref.toLowerCase().split('.');
  return (parts.length === 2 ? [defaultSchema, ...parts] : parts).join('.');
}

/** A table reference with its schema, lower-cased (see `columnKey`). @public */
export function tableKey(ref: string, defaultSchema = 'public'): string {
  const parts = ref.toLowerCase().split('.');
  return (parts.length === 1 ? [defaultSchema, ...parts] : parts).join('.');
}
