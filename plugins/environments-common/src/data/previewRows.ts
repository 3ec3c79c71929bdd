import type { ColumnTransform, DataRules } from './dataRules';
import { hmacSha256Hasher, transformValue } from './transforms';

/** Two made-up values per transform: previews never show real rows. */
const SAMPLES: Record<ColumnTransform, [string, string]> = {
  email: ['ada.lovelace@example.com', 'grace.hopper@example.org'],
  name: ['Ada Lovelace', 'Grace Hopper'],
  phone: ['+44 20 7946 0958', '+1 202 555 0143'],
  hash: ['correct horse battery staple', 'hunter2'],
  null: ['123 Main Street', '42 Harbour Road'],
  fixed: ['NL', 'DE'],
  keep: ['gold', 'silver'],
};

/** Made-up rows of one table before and after its rules. @public */
export type TransformedRowsPreview = {
  table: string;
  columns: string[];
  rows: { before: (string | null)[]; after: (string | null)[] }[];
};

/**
 * What the rules do to a table, on made-up values (never on real rows):
 * two sample rows per table with a rule, before and after.
 *
 * @public
 */
export function previewTransformedRows(
  rules: DataRules,
  key = 'preview',
): TransformedRowsPreview[] {
  const hash = hmacSha256Hasher(key);
  const byTable = new Map<string, DataRules['rules']>();
  for (const rule of rules.rules) {
    const table = rule.column.slice(0, rule.column.lastIndexOf('.'));
    byTable.set(table, [...(byTable.get(table) ?? []), rule]);
  }
  return [...byTable].map(([table, tableRules]) => ({
    table,
    columns: tableRules.map(r => r.column.slice(r.column.lastIndexOf('.') + 1)),
    rows: [0, 1].map(i => {
      const before = tableRules.map(r => SAMPLES[r.transform][i]);
      return {
        before,
        after: tableRules.map((r, j) => transformValue(r, before[j], hash)),
      };
    }),
  }));
}
