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
  db: Knex,
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
  const criterionColumn = (
    criterion: { owner: string[] } | { mode: string[] },
  ): [Knex.Raw, string[]] =>
    'owner' in criterion
      ? [
          db.raw('lower(??)', [`${table}.owner`]),
          criterion.owner.map(owner => owner.toLowerCase()),
        ]
      : [db.raw('??', [`${table}.mode`]), criterion.mode];
  query.where(anyOf => {
    for (const { allOf } of access.anyOf) {
      anyOf.orWhere(group => {
        for (const criterion of allOf) {
          if ('not' in criterion) {
            const [column, values] = criterionColumn(criterion.not);
            group.whereNotIn(column as any, values);
          } else {
            const [column, values] = criterionColumn(criterion);
            group.whereIn(column as any, values);
          }
        }
      });
    }
  });
}
