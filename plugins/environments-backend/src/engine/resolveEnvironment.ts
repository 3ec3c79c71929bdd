import type { KeyObject } from 'node:crypto';
import {
  type DatabaseCredentials,
  resolveVariables,
  sharedServicesOf,
  type ResolvedVariables,
  type Variable,
} from '@greenroom/plugin-environments-common';
import type { ResolvedEnvironment } from '@greenroom/plugin-environments-node';
import type { EnvironmentsStore, StoredEnvironment } from '../storage/types';

/**
 * Where the generated passwords (and managed endpoints) of databases come
 * from, and the key runtimes hash secret data with: both belong to the
 * backend's secrets (`DatabaseCredentialStore` holds the SecretBox).
 */
export interface DatabaseCredentialSource {
  credentials(
    environmentId: string,
    serviceNames: string[],
  ): Promise<Record<string, DatabaseCredentials>>;
  /** HMAC key for the environment's secret data (HKDF of the secrets key). */
  secretHashKey?(environmentId: string): KeyObject;
  /** Key of an operation's data copies (HKDF of the secrets key and the operation id). */
  dataTransformKey?(operationId: string): string;
}

/** Where the portal serves each service's waking page (see `ResolvedEnvironment.wakeUrls`). */
export interface WakePages {
  urlFor(environment: string, service: string): string;
}

/** Fills secret variables with their plaintext from `<scope>/<KEY>`. */
function withSecretValues<V extends Pick<Variable, 'key' | 'kind' | 'value'>>(
  variables: V[],
  scope: string,
  secrets: Map<string, string>,
): V[] {
  return variables.map(variable => {
    const value = secrets.get(`${scope}/${variable.key}`);
    return variable.kind === 'secret' && value !== undefined
      ? { ...variable, value }
      : variable;
  });
}

/**
 * What a runtime gets: the stored environment (secrets without values), every
 * variable resolved, secret values included, and the key to hash secret data
 * with. For runtimes only: never log it or return it from the API.
 *
 * @throws VariableResolutionError for a missing alias target or an alias cycle.
 */
export async function resolveEnvironment(
  store: Pick<EnvironmentsStore, 'getSecretValues' | 'getEnvironmentById'>,
  environment: StoredEnvironment,
  databases?: DatabaseCredentialSource,
  wakePages?: WakePages,
): Promise<ResolvedEnvironment> {
  const secrets = await store.getSecretValues(environment.id);
  const base = await baseOf(store, environment);
  const shared = base ? sharedServicesOf(base, environment) : [];
  const databaseCredentials = {
    ...(await databases?.credentials(
      environment.id,
      databaseNames(environment.services),
    )),
    // Shared databases are the base's, reached with the base's credentials.
    ...(base &&
      environment.baseline?.databases === 'share' &&
      (await databases?.credentials(base.id, databaseNames(shared)))),
  };
  const variables = resolveVariables(
    {
      name: environment.name,
      mode: environment.mode,
      variables: withSecretValues(environment.variables, '', secrets),
      services: environment.services.map(service => ({
        ...service,
        variables: withSecretValues(service.variables, service.name, secrets),
      })),
    },
    {
      includeSecretValues: true,
      databaseCredentials,
      ...(base && { baseline: base }),
    },
  );
  const secretHashKey = databases?.secretHashKey?.(environment.id);
  const publicServices = environment.services.filter(s =>
    s.ports.some(p => p.public),
  );
  return {
    environment,
    variables,
    ...(base && {
      baseline: {
        environment: { id: base.id, name: base.name, runtime: base.runtime },
        services: shared,
      },
    }),
    ...(secretHashKey ? { secretHashKey } : {}),
    ...(wakePages &&
      publicServices.length > 0 && {
        wakeUrls: Object.fromEntries(
          publicServices.map(s => [
            s.name,
            wakePages.urlFor(environment.name, s.name),
          ]),
        ),
      }),
  };
}

function databaseNames(services: StoredEnvironment['services']): string[] {
  return services.filter(s => s.kind === 'database').map(s => s.name);
}

/** The base an environment shares, unless it is gone (then nothing resolves there). */
async function baseOf(
  store: Pick<EnvironmentsStore, 'getEnvironmentById'>,
  environment: StoredEnvironment,
): Promise<StoredEnvironment | undefined> {
  if (!environment.baseline) return undefined;
  const base = await store.getEnvironmentById(
    environment.baseline.environmentId,
  );
  return base && base.desiredState !== 'deleted' ? base : undefined;
}

/** Every secret value among resolved variables, to mask them in text. */
export function secretValuesOf(variables: ResolvedVariables): string[] {
  const values = new Set<string>();
  for (const variable of [
    ...variables.environment,
    ...Object.values(variables.services).flat(),
  ]) {
    if (variable.secret && variable.value) {
      values.add(variable.value);
    }
  }
  return [...values];
}
