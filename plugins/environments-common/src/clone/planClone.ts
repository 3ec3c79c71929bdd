import type {
  AttentionItem,
  Baseline,
  Environment,
  EnvironmentInput,
} from '../schemas/environment';
import type { PolicyInput } from '../schemas/policy';
import type { Service } from '../schemas/service';
import type { VariableInput } from '../schemas/variable';
import {
  type ResolveVariablesOptions,
  builtinVariables,
  resolveVariables,
  serviceHost,
} from '../variables';
import {
  type CloneDiffEntry,
  type CloneReport,
  attention,
} from './cloneReport';
import type { CloneRequest } from './cloneRequest';
import { copyService } from './copyService';
import { aliasDiff, copyVariables, pruneAliases } from './copyVariables';
import { defined } from './defined';
import type { DataRules } from '../data/dataRules';
import { ClonePlanError } from './cloneReport';
import { type CloneDataStep, planData } from './planData';

/**
 * What cloning an environment does: the new environment as a create input
 * (the server applies the mode's policy defaults), what the user must look at
 * afterwards, what happens to each database, and a readable diff.
 *
 * @public
 */
export type ClonePlan = {
  input: EnvironmentInput;
  attention: AttentionItem[];
  data: CloneDataStep[];
  diff: CloneDiffEntry[];
  /** Set when the clone shares the services it leaves out with its source. */
  baseline?: Baseline;
};

export { ClonePlanError };

/**
 * The source's services the clone deploys: those named (all when none are),
 * and every database when a shared baseline clones databases.
 */
function selectServices(
  source: Environment,
  names: string[] | undefined,
  withDatabases: boolean,
): Service[] {
  if (!names) return source.services;
  const known = new Set(source.services.map(s => s.name));
  const unknown = [...new Set(names)].filter(name => !known.has(name));
  if (unknown.length > 0) {
    throw new ClonePlanError(
      'services',
      `${source.name} has no service named ${unknown.join(', ')}`,
    );
  }
  return source.services.filter(
    s => names.includes(s.name) || (withDatabases && s.kind === 'database'),
  );
}

/** Lists each shared service in the diff; a shared database also needs attention. */
function reportShared(report: CloneReport, shared: Service[]) {
  const { source } = report;
  for (const service of shared) {
    const host = serviceHost(service.name, source.name);
    const path = `services.${service.name}`;
    report.diff.push({
      kind: 'shared',
      path,
      to: host,
      reason: `not deployed: the clone reaches ${service.name} of ${source.name}`,
    });
    if (service.kind === 'database') {
      attention(
        report,
        `shared-data:${service.name}`,
        path,
        `shared with ${source.name}: the clone's writes reach ${source.name}'s database ${service.name}`,
      );
    }
  }
}

/**
 * `<service>-<environment>` is ambiguous when one name ends with the other
 * (`web` in `eu-staging` and `web-eu` in `staging`): such a clone would
 * resolve to hosts of its source, so it is refused.
 */
function checkHostClash(
  source: Environment,
  kept: Service[],
  cloneName: string,
) {
  const sourceHosts = new Map(
    source.services.map(s => [serviceHost(s.name, source.name), s.name]),
  );
  const named = sourceHosts.get(cloneName);
  if (named) {
    throw new ClonePlanError(
      'name',
      `'${cloneName}' is the host of service ${named} in ${source.name}; choose another name`,
    );
  }
  for (const service of kept) {
    const host = serviceHost(service.name, cloneName);
    const owner = sourceHosts.get(host);
    if (owner) {
      throw new ClonePlanError(
        'name',
        `service ${service.name} of the clone would get the host ${host}, which is the host of service ${owner} in ${source.name}; choose another name`,
      );
    }
  }
}

function policyText(policy: Environment['policy']) {
  return Object.entries(policy)
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v]) =>
        `${k} ${typeof v === 'object' ? `${v.active} ${v.timezone}` : v}`,
    )
    .join(', ');
}

/** The request's plain values over the copied variables of the same key. */
function withRequestedValues(
  report: CloneReport,
  copied: VariableInput[],
  requested: NonNullable<CloneRequest['variables']>,
): VariableInput[] {
  const variables = [...copied];
  for (const variable of requested) {
    const index = variables.findIndex(v => v.key === variable.key);
    const before = variables[index];
    report.diff.push({
      kind: 'changed',
      path: `variables.${variable.key}`,
      ...(before?.kind === 'value' && { from: before.value }),
      to: variable.value,
      reason: 'set by the request',
    });
    if (index >= 0) variables[index] = variable;
    else variables.push(variable);
  }
  return variables;
}

/** What the caller knows besides the source. @public */
export type PlanCloneOptions = {
  /**
   * The data rules of the template each database service was made from (by
   * service name), under the service's own: the template's sensitive
   * columns hold even if the environment's copy of its rules dropped them.
   */
  templateData?: Record<string, DataRules | undefined>;
};

/**
 * Plans a clone of `source`: services, resources, plain values and aliases
 * are copied; built-ins are recomputed for the clone; hosts of the source in
 * plain values become the clone's; secrets, custom domains, and variables that
 * refer to services left out of `request.services` are not copied but listed
 * in `attention` (an alias of something not copied is dropped the same way);
 * databases follow `request.dataPolicy`. Pure: the caller creates the input.
 *
 * No resolved value of the clone refers to a host of the source.
 *
 * @throws ClonePlanError for an unknown service name, the source's own name,
 *   or a name whose hosts would be the source's.
 * @public
 */
export function planClone(
  source: Environment,
  request: CloneRequest,
  options: PlanCloneOptions = {},
): ClonePlan {
  const cloneName = request.name;
  if (cloneName === source.name) {
    throw new ClonePlanError(
      'name',
      `must differ from the source environment '${source.name}'`,
    );
  }
  const { baseline } = request;
  const kept = selectServices(
    source,
    request.services,
    baseline?.databases === 'clone',
  );
  checkHostClash(source, kept, cloneName);
  const keptNames = new Set(kept.map(s => s.name));
  const shared = baseline
    ? source.services.filter(s => !keptNames.has(s.name))
    : [];
  const sharing: ResolveVariablesOptions = baseline
    ? { baseline: { name: source.name, services: source.services } }
    : {};

  const report: CloneReport = {
    source,
    cloneName,
    hosts: new Map(
      source.services.map(s => {
        const host = serviceHost(s.name, source.name);
        if (keptNames.has(s.name))
          return [host, serviceHost(s.name, cloneName)];
        return [host, baseline ? host : undefined];
      }),
    ),
    attention: [],
    diff: [],
    gone: new Map(),
  };
  const { diff } = report;

  diff.push({
    kind: 'changed',
    path: 'name',
    from: source.name,
    to: cloneName,
  });
  const title = request.title ?? cloneName;
  if (title !== source.title) {
    diff.push({
      kind: 'changed',
      path: 'title',
      from: source.title,
      to: title,
    });
  }
  diff.push(
    request.mode === source.mode
      ? { kind: 'copied', path: 'mode', to: source.mode }
      : { kind: 'changed', path: 'mode', from: source.mode, to: request.mode },
    { kind: 'copied', path: 'system', to: source.system },
    request.owner && request.owner !== source.owner
      ? {
          kind: 'changed',
          path: 'owner',
          from: source.owner,
          to: request.owner,
        }
      : { kind: 'copied', path: 'owner', to: source.owner },
    {
      kind: 'copied',
      path: 'runtime',
      to: source.runtime.target
        ? `${source.runtime.type} (${source.runtime.target})`
        : source.runtime.type,
    },
    {
      kind: 'changed',
      path: 'policy',
      from: policyText(source.policy),
      to: `${request.mode} defaults${
        request.ttl ? `, ttl ${request.ttl}` : ''
      }`,
      reason: "the policy is not copied: the clone's mode decides it",
    },
  );
  reportShared(report, shared);
  for (const service of source.services) {
    if (!keptNames.has(service.name) && !baseline) {
      diff.push({
        kind: 'dropped',
        path: `services.${service.name}`,
        reason: 'not among the requested services',
      });
    }
  }

  const services = kept.map(service => copyService(report, service));
  const clone = {
    name: cloneName,
    mode: request.mode,
    services,
    variables: withRequestedValues(
      report,
      copyVariables(report, source.variables),
      request.variables ?? [],
    ),
  };

  const cloneBuiltins = builtinVariables(clone, sharing);
  const builtinKeys = new Set(cloneBuiltins.map(v => v.key));
  const leftOutBuiltins = new Map<string, string>();
  for (const service of source.services) {
    if (keptNames.has(service.name)) continue;
    for (const { key } of builtinVariables({
      ...source,
      services: [service],
    })) {
      if (!builtinKeys.has(key)) {
        leftOutBuiltins.set(
          key,
          `a built-in of ${service.name}, which is not part of the clone`,
        );
      }
    }
  }
  pruneAliases(report, clone, builtinKeys, leftOutBuiltins);

  const before = resolveVariables(source);
  const after = resolveVariables(clone, sharing);
  aliasDiff(report, clone.variables, before, after);
  for (const service of clone.services) {
    aliasDiff(report, service.variables, before, after, service.name);
  }

  const sourceBuiltins = new Map(
    builtinVariables(source).map(v => [v.key, v.value]),
  );
  for (const { key, value } of cloneBuiltins) {
    const from = sourceBuiltins.get(key);
    if (from !== undefined && value !== undefined && from !== value) {
      diff.push({
        kind: 'changed',
        path: `variables.${key}`,
        from,
        to: value,
        reason: 'built-in, recomputed for the clone',
      });
    }
  }

  const data = planData(report, kept, request, options.templateData);

  const input: EnvironmentInput = defined({
    name: cloneName,
    title: request.title,
    system: source.system,
    owner: request.owner ?? source.owner,
    mode: request.mode,
    runtime: defined({
      type: source.runtime.type,
      target: source.runtime.target,
    }),
    services: clone.services,
    variables: clone.variables,
    // Only the ttl: the server fills in the rest from the mode's defaults.
    policy: request.ttl ? ({ ttl: request.ttl } as PolicyInput) : undefined,
  });
  return {
    input,
    attention: report.attention,
    data,
    diff,
    ...(baseline && {
      baseline: {
        environmentId: source.id,
        environment: source.name,
        databases: baseline.databases,
      },
    }),
  };
}
