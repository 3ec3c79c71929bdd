import type { ServiceInput } from '../schemas/service';
import type { Variable, VariableInput } from '../schemas/variable';
import type { ResolvedVariables } from '../variables';
import {
  CloneReport,
  attention,
  itemSubject,
  scopeOf,
  variablePath,
} from './cloneReport';
import { rewriteHosts } from './hosts';

/** Secrets are dropped, plain values get the clone's hosts, aliases are kept (pruned later). */
export function copyVariables(
  report: CloneReport,
  variables: ReadonlyArray<Variable>,
  service?: string,
): VariableInput[] {
  const { source } = report;
  const copied: VariableInput[] = [];
  for (const variable of variables) {
    const path = variablePath(variable.key, service);
    const goneKey = `${scopeOf(service)}/${variable.key}`;
    if (variable.kind === 'builtin') continue; // recomputed for the clone
    if (variable.kind === 'alias') {
      copied.push({
        key: variable.key,
        kind: 'alias',
        aliasOf: variable.aliasOf,
      });
      continue;
    }
    if (variable.kind === 'secret') {
      report.gone.set(goneKey, 'a secret, which is not copied');
      attention(
        report,
        `secret:${itemSubject(variable.key, service)}`,
        path,
        'secrets are not copied: set a value for the clone',
      );
      continue;
    }
    const original = variable.value ?? '';
    const rewrite = rewriteHosts(original, {
      hosts: report.hosts,
      sourceName: source.name,
      cloneName: report.cloneName,
    });
    const host = rewrite.missing[0] ?? rewrite.stuck[0];
    if (host) {
      report.gone.set(goneKey, 'which is not copied');
      attention(
        report,
        `variable:${itemSubject(variable.key, service)}`,
        path,
        rewrite.missing.length > 0
          ? `refers to ${host}, a service of ${source.name} that is not part of the clone`
          : `refers to ${host}, a host of ${source.name}, and cannot be rewritten`,
      );
      continue;
    }
    copied.push({ key: variable.key, kind: 'value', value: rewrite.value });
    report.diff.push(
      rewrite.value === original
        ? { kind: 'copied', path }
        : {
            kind: 'changed',
            path,
            from: original,
            to: rewrite.value,
            reason: `points at the clone's hosts instead of ${source.name}'s`,
          },
    );
  }
  return copied;
}

/**
 * Drops aliases whose target the clone lacks (a secret, a built-in of a
 * service left out, a dropped variable), repeatedly, since an alias may
 * point at an alias.
 */
export function pruneAliases(
  report: CloneReport,
  environment: { variables: VariableInput[]; services: ServiceInput[] },
  builtinKeys: Set<string>,
  leftOutBuiltins: Map<string, string>,
) {
  const prune = (
    variables: VariableInput[],
    visible: Set<string>,
    service?: string,
  ) =>
    variables.filter(variable => {
      if (variable.kind !== 'alias' || visible.has(variable.aliasOf!))
        return true;
      const target = variable.aliasOf!;
      const why =
        report.gone.get(`${scopeOf(service)}/${target}`) ??
        report.gone.get(`/${target}`) ??
        leftOutBuiltins.get(target) ??
        'which the clone does not have';
      report.gone.set(
        `${scopeOf(service)}/${variable.key}`,
        'which is not copied',
      );
      attention(
        report,
        `variable:${itemSubject(variable.key, service)}`,
        variablePath(variable.key, service),
        `alias of ${target}, ${why}`,
      );
      return false;
    });

  let count: number;
  do {
    count = report.attention.length;
    const environmentKeys = new Set([
      ...builtinKeys,
      ...environment.variables.map(v => v.key),
    ]);
    environment.variables = prune(environment.variables, environmentKeys);
    for (const service of environment.services) {
      const visible = new Set([
        ...environmentKeys,
        ...service.variables.map(v => v.key),
      ]);
      service.variables = prune(service.variables, visible, service.name);
    }
  } while (report.attention.length !== count);
}

function resolvedValue(
  resolved: ResolvedVariables,
  key: string,
  service?: string,
) {
  const scope = service ? resolved.services[service] : resolved.environment;
  return scope?.find(v => v.key === key)?.value;
}

/** Aliases are copied as they are; their values now come from the clone's built-ins. */
export function aliasDiff(
  report: CloneReport,
  variables: VariableInput[],
  before: ResolvedVariables,
  after: ResolvedVariables,
  service?: string,
) {
  for (const variable of variables) {
    if (variable.kind !== 'alias') continue;
    const path = variablePath(variable.key, service);
    const from = resolvedValue(before, variable.key, service);
    const to = resolvedValue(after, variable.key, service);
    report.diff.push(
      from !== undefined && to !== undefined && from !== to
        ? {
            kind: 'changed',
            path,
            from,
            to,
            reason: `alias of ${variable.aliasOf}, resolved in the clone`,
          }
        : { kind: 'copied', path, reason: `alias of ${variable.aliasOf}` },
    );
  }
}
