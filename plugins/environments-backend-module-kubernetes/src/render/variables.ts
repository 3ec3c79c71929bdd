import type { ResolvedVariable } from '@greenroom/plugin-environments-common';

/**
 * Splits a service's resolved variables into plain values (for its ConfigMap)
 * and secret values (for its Secret). Secrets without a value (never set, or
 * not carried over by a clone) are left out rather than injected empty.
 */
export function splitVariables(variables: ReadonlyArray<ResolvedVariable>): {
  values: Record<string, string>;
  secrets: Record<string, string>;
} {
  const values: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const variable of variables) {
    if (variable.value === undefined) continue;
    if (variable.secret) {
      secrets[variable.key] = variable.value;
    } else {
      values[variable.key] = variable.value;
    }
  }
  return { values, secrets };
}

/** The resolved value of one key of a service, if any. */
export function valueOf(
  variables: ReadonlyArray<ResolvedVariable> | undefined,
  key: string,
): string | undefined {
  return variables?.find(v => v.key === key)?.value;
}
