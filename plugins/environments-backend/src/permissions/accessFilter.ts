import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { EnvironmentAccessFilter } from '../storage/types';
import { EnvironmentQuery } from './rules';

type Literal = EnvironmentQuery | { not: EnvironmentQuery };
type Dnf = Literal[][];

/**
 * Turns a permission condition tree into the store's access filter: a
 * disjunction of conjunctions of (possibly negated) owner/mode criteria,
 * pushing `not` down with De Morgan's laws.
 */
export function toAccessFilter(
  criteria: PermissionCriteria<EnvironmentQuery>,
): EnvironmentAccessFilter {
  const dnf = toDnf(criteria, false);
  if (dnf.length === 0) {
    return { allow: 'none' };
  }
  return { anyOf: dnf.map(allOf => ({ allOf })) };
}

function toDnf(
  criteria: PermissionCriteria<EnvironmentQuery>,
  negated: boolean,
): Dnf {
  if ('not' in criteria) {
    return toDnf(criteria.not, !negated);
  }
  if ('allOf' in criteria || 'anyOf' in criteria) {
    const isAll = 'allOf' in criteria;
    const children = (isAll ? criteria.allOf : criteria.anyOf).map(c =>
      toDnf(c, negated),
    );
    // allOf, or a negated anyOf (De Morgan), is a conjunction.
    return isAll !== negated ? and(children) : children.flat();
  }
  return [[negated ? { not: criteria } : criteria]];
}

/** The conjunction of DNFs: every combination of one term from each. */
function and(dnfs: Dnf[]): Dnf {
  return dnfs.reduce<Dnf>(
    (acc, dnf) => acc.flatMap(left => dnf.map(right => [...left, ...right])),
    [[]],
  );
}
