import { createHash, createSecretKey, type KeyObject } from 'node:crypto';
import {
  resolveVariables,
  serviceSchema,
  sharedServicesOf,
  type DatabaseCredentials,
  type Environment,
} from '@greenroom/plugin-environments-common';
import type { ResolvedEnvironment } from '@greenroom/plugin-environments-node';

type ServiceInput = Record<string, unknown> & { name: string; kind: string };

/**
 * A resolved environment as the engine hands it to a runtime, built from a
 * short description: services get the schema's defaults and variables are
 * resolved with secret values, as `resolveEnvironment` does.
 */
export function resolvedEnvironment(input: {
  name: string;
  id?: string;
  services: ServiceInput[];
  variables?: Environment['variables'];
  target?: string;
  databaseCredentials?: Record<string, DatabaseCredentials>;
  /** The backend derives it from its secrets key; tests from the id by default. */
  secretHashKey?: KeyObject | null;
  /** A base whose other services this one shares, as the backend resolves it. */
  base?: ResolvedEnvironment;
}): ResolvedEnvironment {
  const now = new Date().toISOString();
  const environment: Environment = {
    id: input.id ?? `id-${input.name}`,
    name: input.name,
    title: input.name,
    system: 'system:default/shop',
    owner: 'group:default/team-shop',
    mode: 'development',
    runtime: { type: 'kubernetes', target: input.target },
    services: input.services.map(s => serviceSchema.parse(s)),
    variables: input.variables ?? [],
    policy: { priority: 30 },
    desiredState: 'running',
    status: 'provisioning',
    origin: { type: 'manual' },
    attention: [],
    lastActivityAt: now,
    createdBy: 'user:default/ada',
    createdAt: now,
    updatedAt: now,
    revision: 0,
  } as Environment;
  const secretHashKey =
    input.secretHashKey === undefined
      ? testSecretHashKey(environment.id)
      : input.secretHashKey;
  const base = input.base?.environment;
  if (base) {
    environment.baseline = {
      environmentId: base.id,
      environment: base.name,
      databases: 'share',
    };
  }
  return {
    environment,
    variables: resolveVariables(environment, {
      includeSecretValues: true,
      databaseCredentials: input.databaseCredentials,
      ...(base && { baseline: base }),
    }),
    ...(secretHashKey ? { secretHashKey } : {}),
    ...(base && {
      baseline: {
        environment: base,
        services: sharedServicesOf(base, environment),
      },
    }),
  };
}

/** A stable per-environment key, as the backend's HKDF-derived one is. */
export function testSecretHashKey(environmentId: string): KeyObject {
  return createSecretKey(
    createHash('sha256').update(`test-secret-hash/${environmentId}`).digest(),
  );
}
