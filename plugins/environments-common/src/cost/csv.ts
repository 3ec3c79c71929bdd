import { formatMoney } from './money';
import type { CostRow } from './summarize';

const COLUMNS = [
  'key',
  'currency',
  'total',
  'compute',
  'storage',
  'database',
  'idle',
  'idle_hours',
  'savings',
  'source',
] as const;

/** Quotes a field per RFC 4180 when it holds a comma, quote, CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Cost rows as CSV (RFC 4180: CRLF line ends, quoted fields where needed),
 * with a header line and money fixed to two decimals. The last column is
 * where a row's figures come from (e.g. `estimate`, `estimate+opencost`),
 * empty for a row that does not say.
 *
 * @public
 */
export function toCsv(
  rows: ReadonlyArray<CostRow & { source?: string }>,
): string {
  // One string built as it goes: a report has a row per environment.
  let csv = `${COLUMNS.join(',')}\r\n`;
  for (const row of rows) {
    csv +=
      `${csvField(row.key)},${csvField(row.currency)},` +
      `${formatMoney(row.total)},${formatMoney(row.compute)},` +
      `${formatMoney(row.storage)},${formatMoney(row.database)},` +
      `${formatMoney(row.idle)},${Math.round(row.idleHours * 100) / 100},` +
      `${formatMoney(row.savings)},${csvField(row.source ?? '')}\r\n`;
  }
  return csv;
}
