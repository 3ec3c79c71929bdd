import {
  builtinVariables,
  resolveVariables,
  ResolvedVariable,
  Variable,
  VariableResolutionError,
} from '@greenroom/plugin-environments-common';
import type { ApiEnvironment, ApiVariable } from '../api';

/** How a secret value shows: never the value, whatever the API sent. */
export const SECRET_MASK = '••••••';

/** A user-defined variable as the variables table shows it. */
export type VariableRow = {
  /** `environment`, or the name of the service that defines it. */
  scope: string;
  key: string;
} & (
  | { kind: 'value'; value: string }
  | { kind: 'secret'; isSet: boolean }
  | {
      kind: 'alias';
      aliasOf: string;
      /** What the alias resolves to; undefined for a secret or when it does not resolve. */
      resolvedValue?: string;
      resolvesToSecret: boolean;
    }
);

/**
 * Only the fields each kind has. A secret keeps its key and nothing else,
 * so a value the API should never have sent cannot reach the page.
 */
function toVariable(variable: ApiVariable): Variable {
  switch (variable.kind) {
    case 'secret':
      return { key: variable.key, kind: 'secret' };
    case 'alias':
      return { key: variable.key, kind: 'alias', aliasOf: variable.aliasOf };
    case 'value':
      return { key: variable.key, kind: 'value', value: variable.value };
    default:
      return { key: variable.key, kind: 'builtin' };
  }
}

/** Services shared with a base resolve to its hosts, as the backend resolves them. */
function resolutionOptions(environment: ApiEnvironment) {
  const { sharing, baseline } = environment;
  return sharing && baseline
    ? { baseline: { name: baseline.environment, services: sharing.services } }
    : {};
}

/** The environment in the shape variable resolution takes. */
function resolutionInput(environment: ApiEnvironment) {
  return {
    name: environment.name,
    mode: environment.mode,
    variables: environment.variables.map(toVariable),
    services: environment.services.map(service => ({
      ...service,
      variables: service.variables.map(toVariable),
    })),
  };
}

/**
 * Resolves the variables (secrets stay masked). Returns the error instead of
 * throwing when an alias points nowhere or aliases form a cycle.
 */
function tryResolve(environment: ApiEnvironment) {
  try {
    return {
      resolved: resolveVariables(
        resolutionInput(environment),
        resolutionOptions(environment),
      ),
    };
  } catch (error) {
    if (error instanceof VariableResolutionError) {
      return { problem: error.message };
    }
    throw error;
  }
}

function rowOf(
  scope: string,
  variable: ApiVariable,
  resolved: ResolvedVariable[] | undefined,
): VariableRow | undefined {
  switch (variable.kind) {
    case 'value':
      return { scope, key: variable.key, kind: 'value', value: variable.value };
    case 'secret':
      return {
        scope,
        key: variable.key,
        kind: 'secret',
        isSet: variable.isSet !== false,
      };
    case 'alias': {
      const target = resolved?.find(r => r.key === variable.key);
      return {
        scope,
        key: variable.key,
        kind: 'alias',
        aliasOf: variable.aliasOf,
        resolvedValue: target?.secret ? undefined : target?.value,
        resolvesToSecret: target?.secret ?? false,
      };
    }
    default:
      // Built-ins are computed, a stored one carries nothing to show.
      return undefined;
  }
}

/** The variables the users set, environment scope first, then per service. */
export function variableRows(environment: ApiEnvironment): {
  rows: VariableRow[];
  /** Why the variables do not resolve, e.g. an alias whose target is missing. */
  problem?: string;
} {
  const { resolved, problem } = tryResolve(environment);
  const rows: VariableRow[] = [];
  for (const variable of environment.variables) {
    const row = rowOf('environment', variable, resolved?.environment);
    if (row) rows.push(row);
  }
  for (const service of environment.services) {
    for (const variable of service.variables) {
      const row = rowOf(
        service.name,
        variable,
        resolved?.services[service.name],
      );
      if (row) rows.push(row);
    }
  }
  return { rows, problem };
}

/**
 * The built-in variables every service of the environment gets, computed
 * here as the backend does. Secret ones (database passwords) have no value.
 */
export function builtinRows(
  environment: ApiEnvironment,
): Array<{ key: string; value?: string; secret: boolean }> {
  return builtinVariables(
    resolutionInput(environment),
    resolutionOptions(environment),
  ).map(({ key, value, secret }) => ({
    key,
    value: secret ? undefined : value,
    secret,
  }));
}
