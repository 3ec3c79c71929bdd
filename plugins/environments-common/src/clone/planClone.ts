import type { DatabaseEngine } from '../constants';
import type {
  AttentionItem,
  Environment,
  EnvironmentInput,
} from '../schemas/environment';
import type { PolicyInput } from '../schemas/policy';
import type { Service, ServiceInput } from '../schemas/service';
import type { Variable, VariableInput } from '../schemas/variable';
import {
  ResolvedVariables,
  builtinVariables,
  resolveVariables,
  serviceHost,
} from '../variables';
import type { CloneRequest } from './cloneRequest';
import { rewriteHosts } from './hosts';

/** What happens to one database of the clone. @public */
export type CloneDataStep = {
  service: string;
  engine: DatabaseEngine;
  action: 'empty' | 'restore-snapshot' | 'run-seed';
  detail: string;
};

/** One line of the readable diff between a source and its clone. @public */
export type CloneDiffEntry = {
  kind: 'copied' | 'changed' | 'dropped' | 'attention' | 'data';
  /** e.g. `name`, `services.orders-db`, `services.web.variables.API_URL` */
  path: string;
  from?: string;
  to?: string;
  reason?: string;
};

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
};

/** A clone request that cannot be planned; the message names the field. @public */
export class ClonePlanError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'ClonePlanError';
    this.field = field;
  }
}

/** Accumulates what the plan reports while the clone is built. */
type Report = {
  source: Environment;
  cloneName: string;
  /** Source host → clone host, or undefined for a service left out. */
  hosts: Map<string, string | undefined>;
  attention: AttentionItem[];
  diff: CloneDiffEntry[];
  /** `<service or empty>/<KEY>` of a variable the clone lacks → why, for aliases of it. */
  gone: Map<string, string>;
};

const scopeOf = (service?: string) => service ?? '';
const variablePath = (key: string, service?: string) =>
  service ? `services.${service}.variables.${key}` : `variables.${key}`;
const itemSubject = (key: string, service?: string) =>
  service ? `${service}/${key}` : key;

function attention(
  report: Report,
  item: string,
  path: string,
  reason: string,
  from?: string,
) {
  report.attention.push({ item, reason });
  report.diff.push({ kind: 'attention', path, reason, ...(from && { from }) });
}

function selectServices(source: Environment, names?: string[]): Service[] {
  if (!names) return source.services;
  const known = new Set(source.services.map(s => s.name));
  const unknown = [...new Set(names)].filter(name => !known.has(name));
  if (unknown.length > 0) {
    throw new ClonePlanError(
      'services',
      `${source.name} has no service named ${unknown.join(', ')}`,
    );
  }
  return source.services.filter(s => names.includes(s.name));
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

/** Secrets are dropped, plain values get the clone's hosts, aliases are kept (pruned later). */
function copyVariables(
  report: Report,
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

function defined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

function describeService(service: Service): string {
  const parts: string[] = [service.kind];
  if (service.image) {
    parts.push(
      `${service.image.repository}${
        service.image.tag ? `:${service.image.tag}` : ''
      }`,
    );
  }
  if (service.database) {
    parts.push(
      `${service.database.engine} ${service.database.version} (${service.database.mode})`,
    );
  }
  parts.push(`${service.replicas} replica${service.replicas === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** Everything but custom domains (listed in attention) and secrets. */
function copyService(report: Report, service: Service): ServiceInput {
  report.diff.push({
    kind: 'copied',
    path: `services.${service.name}`,
    to: describeService(service),
  });
  for (const domain of service.customDomains) {
    attention(
      report,
      `domain:${domain}`,
      `services.${service.name}.customDomains`,
      `custom domains stay with ${report.source.name}: add one for the clone if it needs it`,
      domain,
    );
  }
  return defined({
    name: service.name,
    kind: service.kind,
    componentRef: service.componentRef,
    template: service.template && { ...service.template },
    image: service.image && defined({ ...service.image }),
    git: service.git && defined({ ...service.git }),
    ports: service.ports.map(({ port, public: isPublic }) => ({
      port,
      public: isPublic,
    })),
    resources: defined({ ...service.resources }),
    replicas: service.replicas,
    database: service.database && defined({ ...service.database }),
    customDomains: [],
    variables: copyVariables(report, service.variables, service.name),
  });
}

/**
 * Drops aliases whose target the clone lacks (a secret, a built-in of a
 * service left out, a dropped variable), repeatedly, since an alias may
 * point at an alias.
 */
function pruneAliases(
  report: Report,
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
function aliasDiff(
  report: Report,
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

function planData(
  report: Report,
  services: Service[],
  dataPolicy: CloneRequest['dataPolicy'],
): CloneDataStep[] {
  const steps: CloneDataStep[] = [];
  for (const service of services) {
    if (!service.database) continue;
    const { engine, mode } = service.database;
    const from = serviceHost(service.name, report.source.name);
    let step: CloneDataStep;
    if (dataPolicy === 'seed') {
      step = {
        service: service.name,
        engine,
        action: 'run-seed',
        detail: 'starts empty, then the seed job loads its data',
      };
    } else if (dataPolicy === 'snapshot' && mode === 'managed') {
      step = {
        service: service.name,
        engine,
        action: 'restore-snapshot',
        detail: `restored from a snapshot of ${from}`,
      };
    } else {
      step = {
        service: service.name,
        engine,
        action: 'empty',
        detail: 'starts empty',
      };
      if (dataPolicy === 'snapshot') {
        // Only managed databases (RDS) have snapshots; a container keeps its
        // data on the source's volume, which is not copied.
        step.detail =
          'starts empty: a container database has no snapshot to restore';
        report.attention.push({
          item: `data:${service.name}`,
          reason: `a container database cannot be restored from a snapshot of ${from}; the clone starts empty (use the seed data policy to load data)`,
        });
      }
    }
    steps.push(step);
    report.diff.push({
      kind: 'data',
      path: `services.${service.name}`,
      to: step.action,
      reason: step.detail,
    });
  }
  return steps;
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
): ClonePlan {
  const cloneName = request.name;
  if (cloneName === source.name) {
    throw new ClonePlanError(
      'name',
      `must differ from the source environment '${source.name}'`,
    );
  }
  const kept = selectServices(source, request.services);
  checkHostClash(source, kept, cloneName);
  const keptNames = new Set(kept.map(s => s.name));

  const report: Report = {
    source,
    cloneName,
    hosts: new Map(
      source.services.map(s => [
        serviceHost(s.name, source.name),
        keptNames.has(s.name) ? serviceHost(s.name, cloneName) : undefined,
      ]),
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
  for (const service of source.services) {
    if (!keptNames.has(service.name)) {
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
    variables: copyVariables(report, source.variables),
  };

  const cloneBuiltins = builtinVariables(clone);
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
  const after = resolveVariables(clone);
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

  const data = planData(report, kept, request.dataPolicy);

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
  return { input, attention: report.attention, data, diff };
}
