import {
  DATABASE_DEFAULT_PORTS,
  EnvironmentMode,
  VariableKind,
} from './constants';
import type { Service } from './schemas/service';
import type { Variable } from './schemas/variable';

/**
 * Variable resolution: built-ins, environment scope and service scope merged
 * with precedence service > environment > built-in, aliases resolved last.
 */

/** Where a resolved variable's definition came from. @public */
export type VariableSource = 'service' | 'environment' | 'builtin';

/** @public */
export type ResolvedVariable = {
  key: string;
  kind: VariableKind;
  /** Undefined for secrets (and aliases of secrets) unless `includeSecretValues`. */
  value?: string;
  secret: boolean;
  source: VariableSource;
  /** For aliases: the key it points to (which may itself be an alias). */
  aliasOf?: string;
};

/**
 * `environment`: what every service sees (built-ins and environment-scope
 * variables). `services[name]`: the complete set for that service, including
 * its own variables.
 *
 * @public
 */
export type ResolvedVariables = {
  environment: ResolvedVariable[];
  services: Record<string, ResolvedVariable[]>;
};

/**
 * Credentials of a database service, known to the backend. A managed
 * database also has its own `host` and `port` (the provider's endpoint)
 * instead of the in-environment service name.
 *
 * @public
 */
export type DatabaseCredentials = {
  username?: string;
  password?: string;
  database?: string;
  host?: string;
  port?: number;
};

/** @public */
export type ResolveVariablesOptions = {
  /** Per database service name; gives `_PASSWORD` (and overrides `_USERNAME`, `_DATABASE`). */
  databaseCredentials?: Record<string, DatabaseCredentials | undefined>;
  /** Return secret values. Only for the runtime that injects them, never for an API answer. */
  includeSecretValues?: boolean;
  /**
   * The base the environment shares: its services that the environment does
   * not deploy get built-ins with the base's hosts (and, for databases, the
   * base's credentials from `databaseCredentials`).
   */
  baseline?: SharedBase;
};

/** A base environment as sharing needs it. @public */
export type SharedBase = {
  name: string;
  services: ReadonlyArray<SharedService>;
};

/** What built-ins need of a service. @public */
export type SharedService = Pick<
  Service,
  'name' | 'kind' | 'ports' | 'database'
>;

/**
 * The services of `base` that `environment` does not deploy and so reaches
 * at the base's hosts.
 *
 * @public
 */
export function sharedServicesOf<S extends Pick<Service, 'name'>>(
  base: { services: ReadonlyArray<S> },
  environment: { services: ReadonlyArray<Pick<Service, 'name'>> },
): S[] {
  const own = new Set(environment.services.map(s => s.name));
  return base.services.filter(s => !own.has(s.name));
}

/** What resolution needs of an environment. `Environment` satisfies it. @public */
export type VariableResolutionInput = {
  name: string;
  mode: EnvironmentMode;
  services: ReadonlyArray<
    Pick<Service, 'name' | 'kind' | 'ports' | 'database' | 'variables'>
  >;
  variables: ReadonlyArray<Variable>;
};

/** An alias whose target is missing, or a cycle of aliases. @public */
export class VariableResolutionError extends Error {
  /** The variable at fault. */
  readonly variable: string;
  /** The service whose scope it was resolved in, if any. */
  readonly service?: string;

  constructor(message: string, variable: string, service?: string) {
    super(service ? `${message} (in service ${service})` : message);
    this.name = 'VariableResolutionError';
    this.variable = variable;
    this.service = service;
  }
}

/** `my-db` → `GR_MY_DB_`: the prefix of a service's built-in variables. @public */
export function builtinVariablePrefix(serviceName: string): string {
  return `GR_${serviceName.toUpperCase().replace(/-/g, '_')}_`;
}

/** The in-cluster DNS name of a service: `<service>-<environment>`. @public */
export function serviceHost(serviceName: string, environmentName: string) {
  return `${serviceName}-${environmentName}`;
}

/** A variable with its value, before masking. */
type Entry = Required<
  Pick<ResolvedVariable, 'key' | 'kind' | 'secret' | 'source'>
> &
  Pick<ResolvedVariable, 'value' | 'aliasOf'>;

function builtin(
  key: string,
  value: string | undefined,
  secret = false,
): Entry {
  return { key, kind: 'builtin', value, secret, source: 'builtin' };
}

function databaseBuiltins(
  service: SharedService,
  serviceHostName: string,
  credentials: DatabaseCredentials | undefined,
): Entry[] {
  const prefix = builtinVariablePrefix(service.name);
  const engine = service.database?.engine ?? 'postgresql';
  const host = credentials?.host ?? serviceHostName;
  const port =
    credentials?.port ??
    service.ports[0]?.port ??
    DATABASE_DEFAULT_PORTS[engine];
  const defaultName = service.name.replace(/-/g, '_');
  const username =
    credentials?.username ?? (engine === 'redis' ? 'default' : defaultName);
  const database =
    credentials?.database ?? (engine === 'redis' ? '0' : defaultName);
  // The password is never part of the URL: apps read it from _PASSWORD.
  const url =
    engine === 'redis'
      ? `redis://${host}:${port}`
      : `${engine}://${encodeURIComponent(
          username,
        )}@${host}:${port}/${encodeURIComponent(database)}`;
  return [
    builtin(`${prefix}HOST`, host),
    builtin(`${prefix}PORT`, String(port)),
    builtin(`${prefix}USERNAME`, username),
    builtin(`${prefix}PASSWORD`, credentials?.password, true),
    builtin(`${prefix}DATABASE`, database),
    builtin(`${prefix}URL`, url),
  ];
}

function computeBuiltins(
  environment: Pick<VariableResolutionInput, 'name' | 'mode' | 'services'>,
  options: ResolveVariablesOptions,
): Entry[] {
  const entries = [
    builtin('GR_ENVIRONMENT_NAME', environment.name),
    builtin('GR_ENVIRONMENT_MODE', environment.mode),
  ];
  const { baseline } = options;
  const services = [
    ...environment.services.map(service => ({
      service,
      host: serviceHost(service.name, environment.name),
    })),
    ...(baseline
      ? sharedServicesOf(baseline, environment).map(service => ({
          service,
          host: serviceHost(service.name, baseline.name),
        }))
      : []),
  ];
  for (const { service, host } of services) {
    if (service.kind === 'database') {
      entries.push(
        ...databaseBuiltins(
          service,
          host,
          options.databaseCredentials?.[service.name],
        ),
      );
      continue;
    }
    const prefix = builtinVariablePrefix(service.name);
    entries.push(builtin(`${prefix}HOST`, host));
    const port = service.ports[0]?.port;
    if (port !== undefined) {
      entries.push(builtin(`${prefix}PORT`, String(port)));
      if (service.kind === 'application' || service.kind === 'container') {
        entries.push(builtin(`${prefix}URL`, `http://${host}:${port}`));
      }
    }
  }
  return entries;
}

function mask(entry: Entry, includeSecretValues: boolean): ResolvedVariable {
  const result: ResolvedVariable = { ...entry };
  if (entry.secret && !includeSecretValues) {
    delete result.value;
  }
  if (result.value === undefined) {
    delete result.value;
  }
  if (result.aliasOf === undefined) {
    delete result.aliasOf;
  }
  return result;
}

/**
 * The built-in variables of an environment: `GR_ENVIRONMENT_NAME`,
 * `GR_ENVIRONMENT_MODE`, and per service `GR_<SERVICE>_HOST`, `_PORT`, `_URL`
 * (databases also `_USERNAME`, `_PASSWORD`, `_DATABASE`, with `_URL` a
 * connection string). Computed, never stored. Secret values are left out
 * unless `includeSecretValues`.
 *
 * @public
 */
export function builtinVariables(
  environment: Pick<VariableResolutionInput, 'name' | 'mode' | 'services'>,
  options: ResolveVariablesOptions = {},
): ResolvedVariable[] {
  return computeBuiltins(environment, options).map(entry =>
    mask(entry, options.includeSecretValues === true),
  );
}

function userEntries(
  variables: ReadonlyArray<Variable>,
  source: VariableSource,
): Entry[] {
  // Built-ins are computed; a stored `builtin` entry carries nothing to use.
  return variables
    .filter(variable => variable.kind !== 'builtin')
    .map(variable => ({
      key: variable.key,
      kind: variable.kind,
      value: variable.kind === 'alias' ? undefined : variable.value,
      secret: variable.kind === 'secret',
      source,
      aliasOf: variable.kind === 'alias' ? variable.aliasOf : undefined,
    }));
}

/** Merges layers (later wins, keeping the first position) and resolves aliases. */
function resolveScope(layers: Entry[][], service?: string): Entry[] {
  const visible = new Map<string, Entry>();
  for (const entry of layers.flat()) {
    visible.set(entry.key, entry);
  }

  const resolved = new Map<string, Entry>();
  for (const [key, entry] of visible) {
    if (entry.kind !== 'alias') {
      resolved.set(key, entry);
      continue;
    }
    const chain = [key];
    let current = entry;
    while (current.kind === 'alias') {
      const targetKey = current.aliasOf ?? '';
      const target = visible.get(targetKey);
      if (!target) {
        throw new VariableResolutionError(
          `Variable ${current.key} is an alias of ${targetKey}, which is not defined`,
          current.key,
          service,
        );
      }
      if (chain.includes(targetKey)) {
        const cycle = [...chain.slice(chain.indexOf(targetKey)), targetKey];
        throw new VariableResolutionError(
          `Variable ${cycle[0]} is part of an alias cycle: ${cycle.join(
            ' -> ',
          )}`,
          cycle[0],
          service,
        );
      }
      chain.push(targetKey);
      current = target;
    }
    resolved.set(key, {
      ...entry,
      value: current.value,
      secret: current.secret,
    });
  }
  return [...resolved.values()];
}

/**
 * Resolves the variables of an environment and of each of its services.
 *
 * Precedence: service scope over environment scope over built-ins (the entry
 * says which `source` won). Aliases resolve last, against every key visible
 * in their scope, and may point at built-ins or other aliases. Secrets come
 * back as `secret: true` without `value` unless `includeSecretValues`.
 *
 * @throws VariableResolutionError for an alias whose target is missing or an
 *   alias cycle, naming the variable (and the service).
 * @public
 */
export function resolveVariables(
  environment: VariableResolutionInput,
  options: ResolveVariablesOptions = {},
): ResolvedVariables {
  const includeSecretValues = options.includeSecretValues === true;
  const builtins = computeBuiltins(environment, options);
  const environmentScope = userEntries(environment.variables, 'environment');

  const result: ResolvedVariables = {
    environment: resolveScope([builtins, environmentScope]).map(entry =>
      mask(entry, includeSecretValues),
    ),
    services: {},
  };
  for (const service of environment.services) {
    result.services[service.name] = resolveScope(
      [builtins, environmentScope, userEntries(service.variables, 'service')],
      service.name,
    ).map(entry => mask(entry, includeSecretValues));
  }
  return result;
}
