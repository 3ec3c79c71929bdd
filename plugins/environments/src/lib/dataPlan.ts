import {
  type ColumnRule,
  type DataRules,
  columnKey,
  unruledSensitiveColumns,
} from '@greenroom/plugin-environments-common';

/** One column a copy's rules speak of. */
export interface DataRuleRow {
  column: string;
  /** Its rule; none for a sensitive column left unruled (copied as it is). */
  rule?: ColumnRule;
  /** Marked as holding personal data. */
  sensitive: boolean;
}

/**
 * The columns of a copy's rules, as the dry run lists them: each rule, then
 * the sensitive columns without one (a copy out of production refuses those,
 * any other copies them unchanged, so they must show).
 */
export function dataRuleRows(
  rules: Pick<DataRules, 'rules' | 'sensitive'>,
): DataRuleRow[] {
  const sensitive = new Set(rules.sensitive.map(c => columnKey(c)));
  return [
    ...rules.rules.map(rule => ({
      column: rule.column,
      rule,
      sensitive: sensitive.has(columnKey(rule.column)),
    })),
    ...unruledSensitiveColumns({ ...rules, subset: [] }).map(column => ({
      column,
      sensitive: true,
    })),
  ];
}

/** The first lines of an SQL seed, and how many more it has. */
export function seedExcerpt(
  sql: string,
  maxLines = 6,
): { lines: string[]; more: number } {
  const lines = sql.replace(/\s+$/, '').split(/\r?\n/);
  return {
    lines: lines.slice(0, maxLines),
    more: Math.max(0, lines.length - maxLines),
  };
}
