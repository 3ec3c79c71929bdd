import type { DBInstance } from '@aws-sdk/client-rds';
import {
  ManagedDatabaseRequest,
  RuntimeError,
} from '@greenroom/plugin-environments-node';
import { tagValue } from './listManagedInstances';
import {
  ENVIRONMENT_ID_TAG,
  ENVIRONMENT_TAG,
  INSTALLATION_TAG,
  MANAGED_BY_TAG,
  SERVICE_TAG,
} from './naming';

/**
 * Why the resource is not this database, or undefined when it is: made by
 * Greenroom, by this installation (or before installation tags), for this
 * environment (name and id: not an earlier one of the same name) and this
 * service.
 */
export function ownershipProblem(
  resource: Pick<DBInstance, 'TagList'>,
  request: Pick<ManagedDatabaseRequest, 'environment' | 'service'>,
  installationId: string,
): string | undefined {
  if (tagValue(resource, MANAGED_BY_TAG) !== 'greenroom') {
    return 'it was not created by Greenroom';
  }
  const installation = tagValue(resource, INSTALLATION_TAG);
  if (installation !== undefined && installation !== installationId) {
    return `it belongs to another Greenroom installation (${INSTALLATION_TAG}=${installation})`;
  }
  const name = tagValue(resource, ENVIRONMENT_TAG);
  const environmentId = tagValue(resource, ENVIRONMENT_ID_TAG);
  if (name !== request.environment.name) {
    return `it belongs to environment ${name ?? '(none)'}, not ${
      request.environment.name
    }`;
  }
  // '' for an orphan known by name only (instances tagged without an id).
  if ((environmentId ?? '') !== (request.environment.id ?? '')) {
    return `it belongs to an earlier environment named ${name} (id ${
      environmentId ?? 'unknown'
    })`;
  }
  const service = tagValue(resource, SERVICE_TAG);
  if (service !== request.service.name) {
    return `it belongs to service ${service ?? '(none)'}, not ${
      request.service.name
    }`;
  }
  return undefined;
}

/** Throws, saying what to do, unless the instance `id` is this database. */
export function assertOwned(
  instance: DBInstance,
  request: ManagedDatabaseRequest,
  id: string,
  installationId: string,
) {
  const problem = ownershipProblem(instance, request, installationId);
  if (!problem) return;
  throw new RuntimeError(
    tagValue(instance, MANAGED_BY_TAG) !== 'greenroom'
      ? `An RDS instance named ${id} exists but was not created by Greenroom; rename the service or environment, or remove that instance`
      : `RDS instance ${id} is not this database: ${problem}; Greenroom will not use or change it. Delete it, or wait for orphan collection`,
    { transient: false, code: 'NotOwned' },
  );
}
