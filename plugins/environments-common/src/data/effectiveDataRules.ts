import type { ColumnRule, DataRules } from './dataRules';
import { columnKey, tableKey } from './columnKeys';

/** Data rules with nothing declared. @public */
export const NO_DATA_RULES: DataRules = {
  sensitive: [],
  rules: [],
  subset: [],
};

/**
 * The rules a copy applies: the template's, with the environment's added
 * over them (a rule or subset for the same column or table replaces the
 * template's). Sensitive columns add up: an environment can mark more
 * columns, never fewer, and cannot `keep` a column the template marks
 * sensitive (the template's rule stays). The environment's seed wins.
 *
 * @public
 */
export function effectiveDataRules(
  template: DataRules | undefined,
  environment: DataRules | undefined,
): DataRules {
  const base = template ?? NO_DATA_RULES;
  const own = environment ?? NO_DATA_RULES;
  const templateSensitive = new Set(base.sensitive.map(c => columnKey(c)));

  const rules = new Map<string, ColumnRule>();
  for (const rule of base.rules) rules.set(columnKey(rule.column), rule);
  for (const rule of own.rules) {
    const key = columnKey(rule.column);
    if (rule.transform === 'keep' && templateSensitive.has(key)) continue;
    rules.set(key, rule);
  }
  const subset = new Map(base.subset.map(s => [tableKey(s.table), s]));
  for (const s of own.subset) subset.set(tableKey(s.table), s);

  const sensitive = new Map<string, string>();
  for (const c of [...base.sensitive, ...own.sensitive]) {
    if (!sensitive.has(columnKey(c))) sensitive.set(columnKey(c), c);
  }
  const seed = own.seed ?? base.seed;
  return {
    sensitive: [...sensitive.values()],
    rules: [...rules.values()],
    subset: [...subset.values()],
    ...(seed && { seed }),
  };
}

/**
 * Sensitive columns without a rule, as declared: a copy out of a
 * production environment refuses to run while any is left.
 *
 * @public
 */
export function unruledSensitiveColumns(rules: DataRules): string[] {
  const ruled = new Set(rules.rules.map(r => columnKey(r.column)));
  return rules.sensitive.filter(c => !ruled.has(columnKey(c)));
}
