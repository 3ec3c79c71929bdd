import {
  DBInstance,
  RDSClient,
  paginateDescribeDBInstances,
} from '@aws-sdk/client-rds';
import { ENVIRONMENT_TAG, MANAGED_BY_TAG, SERVICE_TAG } from './naming';

export interface ManagedInstance {
  identifier: string;
  environmentName: string;
  serviceName: string;
  status: string;
}

function tagValue(instance: DBInstance, key: string): string | undefined {
  return instance.TagList?.find(t => t.Key === key)?.Value;
}

/**
 * Every RDS instance carrying Greenroom's ownership tag, across all pages.
 * Throws when any page fails, so orphan collection never acts on a partial list.
 */
export async function listManagedInstances(
  client: RDSClient,
): Promise<ManagedInstance[]> {
  const managed: ManagedInstance[] = [];
  for await (const page of paginateDescribeDBInstances({ client }, {})) {
    for (const instance of page.DBInstances ?? []) {
      if (tagValue(instance, MANAGED_BY_TAG) !== 'greenroom') continue;
      managed.push({
        identifier: instance.DBInstanceIdentifier!,
        environmentName: tagValue(instance, ENVIRONMENT_TAG) ?? '',
        serviceName: tagValue(instance, SERVICE_TAG) ?? '',
        status: instance.DBInstanceStatus ?? 'unknown',
      });
    }
  }
  return managed;
}
