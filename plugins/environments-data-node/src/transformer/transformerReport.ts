/** One JSON line the transformer writes to stderr. @public */
export type TransformerReport =
  | { type: 'progress'; table: string; rows: number }
  | { type: 'done'; rows: number; tables: { table: string; rows: number }[] };

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * A transformer report from one line of its stderr, if the line is one
 * (anything else, such as a Node warning, gives undefined).
 *
 * @public
 */
export function parseTransformerReport(
  line: string,
): TransformerReport | undefined {
  let value: any;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || !isCount(value.rows)) {
    return undefined;
  }
  if (value.type === 'progress' && typeof value.table === 'string') {
    return { type: 'progress', table: value.table, rows: value.rows };
  }
  if (
    value.type === 'done' &&
    Array.isArray(value.tables) &&
    value.tables.every(
      (t: any) => typeof t?.table === 'string' && isCount(t.rows),
    )
  ) {
    return {
      type: 'done',
      rows: value.rows,
      tables: value.tables.map((t: any) => ({ table: t.table, rows: t.rows })),
    };
  }
  return undefined;
}
