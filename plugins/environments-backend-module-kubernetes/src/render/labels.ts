import type { Environment } from '@greenroom/plugin-environments-common';

/** Ownership labels: garbage collection and listings trust only these. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'greenroom';
export const ENVIRONMENT_LABEL = 'greenroom.dev/environment';
export const ENVIRONMENT_ID_LABEL = 'greenroom.dev/environment-id';
export const SERVICE_LABEL = 'greenroom.dev/service';
/** Where stop keeps the replica count that start restores. */
export const REPLICAS_ANNOTATION = 'greenroom.dev/replicas';

/** Selects everything Greenroom manages, in any environment. */
export const MANAGED_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;

type EnvironmentRef = Pick<Environment, 'id' | 'name'>;

/** The labels every object of an environment carries. */
export function ownershipLabels(
  environment: EnvironmentRef,
  service?: string,
): Record<string, string> {
  return {
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [ENVIRONMENT_LABEL]: environment.name,
    [ENVIRONMENT_ID_LABEL]: environment.id,
    ...(service ? { [SERVICE_LABEL]: service } : {}),
  };
}

/**
 * Selects the objects of one environment. By id as well as name, so a new
 * environment reusing a name never adopts or deletes the old one's objects.
 */
export function environmentSelector(environment: EnvironmentRef): string {
  return [
    MANAGED_SELECTOR,
    `${ENVIRONMENT_LABEL}=${environment.name}`,
    `${ENVIRONMENT_ID_LABEL}=${environment.id}`,
  ].join(',');
}

/**
 * Pod selector of a workload. Kept to name labels only: selectors are
 * immutable, and the id would change nothing within a namespace.
 */
export function podSelector(
  environment: EnvironmentRef,
  service: string,
): Record<string, string> {
  return { [ENVIRONMENT_LABEL]: environment.name, [SERVICE_LABEL]: service };
}

/** `gr-<environment>`: one namespace per environment. */
export function namespaceName(prefix: string, environmentName: string) {
  return `${prefix}${environmentName}`;
}
