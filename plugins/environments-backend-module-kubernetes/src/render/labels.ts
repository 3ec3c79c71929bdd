import type { Environment } from '@greenroom/plugin-environments-common';
import { INSTALLATION_LABEL } from '@greenroom/plugin-environments-node';

export { INSTALLATION_LABEL };

/** Ownership labels: garbage collection and listings trust only these. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'greenroom';
export const ENVIRONMENT_LABEL = 'greenroom.dev/environment';
export const ENVIRONMENT_ID_LABEL = 'greenroom.dev/environment-id';
export const SERVICE_LABEL = 'greenroom.dev/service';
/**
 * On the Job, pods, ConfigMap and Secret of a data load (value `copy` or
 * `seed`): they belong to one operation, not to the rendered environment, so
 * pruning, plans and a service's pods leave them out.
 */
export const DATA_LOAD_LABEL = 'greenroom.dev/data-load';
/** Where stop keeps the replica count that start restores. */
export const REPLICAS_ANNOTATION = 'greenroom.dev/replicas';
/** Keyed hash of the Secret a workload uses: a changed secret rolls its pods. */
export const SECRET_HASH_ANNOTATION = 'greenroom.dev/secret-hash';

/** Selects everything Greenroom manages, of any installation. */
export const MANAGED_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;

type EnvironmentRef = Pick<Environment, 'id' | 'name'>;

/**
 * Selects what this installation manages: another portal's objects on the
 * same cluster are never listed, adopted or deleted.
 */
export function installationSelector(installationId: string): string {
  return `${MANAGED_SELECTOR},${INSTALLATION_LABEL}=${installationId}`;
}

/** The labels every object of an environment carries. */
export function ownershipLabels(
  environment: EnvironmentRef,
  installationId: string,
  service?: string,
): Record<string, string> {
  return {
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [INSTALLATION_LABEL]: installationId,
    [ENVIRONMENT_LABEL]: environment.name,
    [ENVIRONMENT_ID_LABEL]: environment.id,
    ...(service ? { [SERVICE_LABEL]: service } : {}),
  };
}

/**
 * Selects the objects of one environment of this installation, by name.
 * (Within its namespace the id adds nothing: the namespace's own labels were
 * checked before anything in it is touched.)
 */
export function environmentSelector(
  environmentName: string,
  installationId: string,
): string {
  return `${installationSelector(
    installationId,
  )},${ENVIRONMENT_LABEL}=${environmentName}`;
}

/**
 * Pod selector of a workload. Kept to name labels only: selectors are
 * immutable, and the id or installation would change nothing within a
 * namespace.
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
