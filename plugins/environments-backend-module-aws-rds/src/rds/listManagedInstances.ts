import {
  DBInstance,
  RDSClient,
  paginateDescribeDBInstances,
} from '@aws-sdk/client-rds';
import {
  ENVIRONMENT_ID_TAG,
  ENVIRONMENT_TAG,
  INSTALLATION_TAG,
  MANAGED_BY_TAG,
  SERVICE_TAG,
} from './naming';

export interface ManagedInstance {
  identifier: string;
  environmentName: string;
  environmentId?: string;
  serviceName: string;
  status: string;
  /** Set for an instance of an Aurora cluster, which is stopped and started as a whole. */
  clusterIdentifier?: string;
}

export function tagValue(
  instance: Pick<DBInstance, 'TagList'>,
  key: string,
): string | undefined {
  return instance.TagList?.find(t => t.Key === key)?.Value;
}

/**
 * Every RDS instance carrying Greenroom's ownership tag and this
 * installation's tag, across all pages: another installation's instances in
 * the same account (and instances from before installation tags) are never
 * listed. Throws when any page fails, so orphan collection never acts on a
 * partial list.
 */
export async function listManagedInstances(
  client: RDSClient,
  installationId: string,
): Promise<ManagedInstance[]> {
  const managed: ManagedInstance[] = [];
  for await (const page of paginateDescribeDBInstances({ client }, {})) {
    for (const instance of page.DBInstances ?? []) {
      if (tagValue(instance, MANAGED_BY_TAG) !== 'greenroom') continue;
      if (tagValue(instance, INSTALLATION_TAG) !== installationId) continue;
      const environmentId = tagValue(instance, ENVIRONMENT_ID_TAG);
      managed.push({
        identifier: instance.DBInstanceIdentifier!,
        environmentName: tagValue(instance, ENVIRONMENT_TAG) ?? '',
        ...(environmentId ? { environmentId } : {}),
        serviceName: tagValue(instance, SERVICE_TAG) ?? '',
        status: instance.DBInstanceStatus ?? 'unknown',
        ...(instance.DBClusterIdentifier
          ? { clusterIdentifier: instance.DBClusterIdentifier }
          : {}),
      });
    }
  }
  return managed;
}
