import type { ServicePhase } from '@greenroom/plugin-environments-node';

// States in which the database serves connections, though AWS is busy with it.
const RUNNING = new Set([
  'available',
  'backing-up',
  'modifying',
  'storage-optimization',
  'configuring-enhanced-monitoring',
  'configuring-iam-database-auth',
  'configuring-log-exports',
  'maintenance',
]);
const PENDING = new Set([
  'creating',
  'starting',
  'stopping',
  'rebooting',
  'resetting-master-credentials',
  'renaming',
  'upgrading',
  'deleting',
  'moving-to-vpc',
  'converting-to-vpc',
  'storage-config-upgrade',
  'storage-initialization',
]);

/** A service phase for an RDS instance status. */
export function phaseOf(status: string): ServicePhase {
  if (RUNNING.has(status)) return 'running';
  if (status === 'stopped') return 'stopped';
  if (PENDING.has(status)) return 'pending';
  if (failureOf(status, '')) return 'failed';
  return 'unknown';
}

/**
 * For a status from which an instance does not recover by itself: what went
 * wrong and what to do, in words for a developer. Undefined otherwise.
 */
export function failureOf(status: string, id: string): string | undefined {
  switch (status) {
    case 'failed':
      return `RDS instance ${id} failed; see its events in the AWS console, then destroy the database service and add it again`;
    case 'incompatible-parameters':
      return `RDS instance ${id} has parameters that do not fit its engine version or instance class; fix its parameter group or choose another instanceClass`;
    case 'incompatible-network':
      return `RDS instance ${id} cannot be placed in its network; check environments.awsRds.subnetGroupName and securityGroupIds (subnets and free IP addresses)`;
    case 'incompatible-restore':
      return `RDS instance ${id} could not be restored from its source; clone with dataPolicy empty, or choose another restore time`;
    case 'incompatible-option-group':
      return `RDS instance ${id} has an option group that does not fit its engine; fix the option group in the AWS console`;
    case 'storage-full':
      return `RDS instance ${id} has run out of storage; raise database.storageGb of the service`;
    case 'inaccessible-encryption-credentials':
    case 'inaccessible-encryption-credentials-recoverable':
      return `RDS instance ${id} cannot reach its KMS encryption key; restore access to the key (or re-enable it) in AWS KMS`;
    default:
      return undefined;
  }
}
