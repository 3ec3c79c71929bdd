/**
 * A cost report cut to its `limit` highest rows, with `rowCount` saying how
 * many rows it has in all; its totals (computed over every row) are kept as
 * they are. Rows must be sorted highest total first, as reports sort them.
 * Without a limit every row stays.
 *
 * @public
 */
export function topCostRows<T extends { rows: readonly unknown[] }>(
  report: T,
  limit?: number,
): T & { rowCount: number } {
  const rowCount = report.rows.length;
  if (limit === undefined || limit >= rowCount) return { ...report, rowCount };
  return { ...report, rows: report.rows.slice(0, limit), rowCount };
}
