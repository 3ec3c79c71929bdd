import type { Knex } from 'knex';
import type { EnvironmentAccessFilter } from './types';

/**
 * Applies a permission decision to a query of environments: any of the
 * `allOf` groups must hold. `table` names the environments table (or its
 * alias) when the query joins others. Owners compare case-insensitively, as
 * IS_OWNER's `apply` does: a policy may name owners in any case (written by
 * hand), and so may rows written before owners were normalized.
 */
export function applyAccess(
  query: Knex.QueryBuilder,
  access: EnvironmentAccessFilter,
  table = 'environments',
) {
  if ('allow' in access) {
    if (access.allow === 'none') {
      query.whereRaw('1 = 0');
    }
    return;
  }
  if (access.anyOf.some(group => group.allOf.length === 0)) {
    return; // an empty allOf allows everything
  }
  if (access.anyOf.length === 0) {
    query.whereRaw('1 = 0');
    return;
  }
  query.where(anyOf => {
    for (const { allOf } of access.anyOf) {
      anyOf.orWhere(group => {
        for (const criterion of allOf) {
          const negated = 'not' in criterion;
          const { sql, bindings } = membership(
            table,
            negated ? criterion.not : criterion,
          );
          group.whereRaw(negated ? `not (${sql})` : sql, bindings);
        }
      });
    }
  });
}

/**
 * `column in (values)` for one criterion, owners in lower case. Written as
 * SQL because knex's whereIn takes a column name, not an expression such as
 * `lower(owner)`. No values match nothing, as whereIn's `1 = 0`.
 */
function membership(
  table: string,
  criterion: { owner: string[] } | { mode: string[] },
): { sql: string; bindings: string[] } {
  const [expression, column, values] =
    'owner' in criterion
      ? ['lower(??)', 'owner', criterion.owner.map(o => o.toLowerCase())]
      : ['??', 'mode', criterion.mode];
  if (values.length === 0) return { sql: '1 = 0', bindings: [] };
  const placeholders = values.map(() => '?').join(', ');
  return {
    sql: `${expression} in (${placeholders})`,
    bindings: [`${table}.${column}`, ...values],
  };
}
