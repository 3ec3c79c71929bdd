import type { DBInstance } from '@aws-sdk/client-rds';
import type {
  ManagedDatabaseRequest,
  ProvisionedResources,
} from '@greenroom/plugin-environments-node';
import { DEFAULT_STORAGE_GB } from './databaseSpec';

/**
 * What an RDS instance holds, for the cost ledger: its real class and
 * allocated storage, whatever the service declares (a resize made in the
 * console is billed as made). Aurora grows its storage on use and reports
 * no meaningful allocation, so the declared size stands in for it.
 */
export function provisionedOf(
  instance: DBInstance,
  request: ManagedDatabaseRequest,
): ProvisionedResources {
  const aurora = instance.Engine?.startsWith('aurora') ?? false;
  const declaredGb = request.service.database?.storageGb ?? DEFAULT_STORAGE_GB;
  return {
    replicas: instance.DBInstanceStatus === 'stopped' ? 0 : 1,
    cpuCores: 0,
    memoryGb: 0,
    storageGb: aurora ? declaredGb : instance.AllocatedStorage ?? declaredGb,
    ...(instance.DBInstanceClass
      ? { instanceClass: instance.DBInstanceClass }
      : {}),
  };
}
