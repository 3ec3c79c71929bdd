import { builtinVariablePrefix } from '@greenroom/plugin-environments-common';
import {
  RuntimeError,
  type ResolvedEnvironment,
} from '@greenroom/plugin-environments-node';
import { valueOf } from '../render/variables';

/** How a data Job reaches one database. */
export interface DatabaseConnection {
  host: string;
  port: number;
  user: string;
  database: string;
  /** For the Job's Secret only; absent for a database without one. */
  password?: string;
}

/**
 * A database service's connection from an environment's resolved built-ins
 * (`GR_<SERVICE>_HOST`, `_PORT`, `_USERNAME`, `_DATABASE`, `_PASSWORD`).
 *
 * @throws RuntimeError (permanent) naming a missing variable.
 */
export function databaseConnection(
  env: ResolvedEnvironment,
  service: string,
): DatabaseConnection {
  const variables =
    env.variables.services[service] ?? env.variables.environment;
  const prefix = builtinVariablePrefix(service);
  const required = (suffix: string) => {
    const value = valueOf(variables, `${prefix}${suffix}`);
    if (!value) {
      throw new RuntimeError(
        `${service} of environment ${env.environment.name}: ${prefix}${suffix} has no value, so its database cannot be reached`,
        { transient: false, code: 'DataConnectionUnknown' },
      );
    }
    return value;
  };
  return {
    host: required('HOST'),
    port: Number(required('PORT')),
    user: required('USERNAME'),
    database: required('DATABASE'),
    password: valueOf(variables, `${prefix}PASSWORD`),
  };
}

/**
 * A host as a pod in another namespace reaches it: a bare service name
 * (`db-staging`) resolves only in its own namespace, so it gets that
 * namespace's DNS suffix; a qualified host (a managed endpoint) is kept.
 */
export function qualifiedHost(
  host: string,
  namespace: string,
  clusterDomain = 'cluster.local',
) {
  return host.includes('.')
    ? host
    : `${host}.${namespace}.svc.${clusterDomain}`;
}
