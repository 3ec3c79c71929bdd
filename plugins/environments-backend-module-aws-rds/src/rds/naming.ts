/** Tags that mark an RDS instance as created and owned by Greenroom. */
export const MANAGED_BY_TAG = 'greenroom.dev/managed-by';
export const ENVIRONMENT_TAG = 'greenroom.dev/environment';
export const ENVIRONMENT_ID_TAG = 'greenroom.dev/environment-id';
export const SERVICE_TAG = 'greenroom.dev/service';
export const OWNER_TAG = 'greenroom.dev/owner';
export const MODE_TAG = 'greenroom.dev/mode';

/**
 * The RDS instance identifier of a managed database service: `gr-<env>-<service>`.
 * RDS wants 1–63 letters, digits or hyphens, starting with a letter, without
 * two hyphens in a row or a trailing hyphen. Aurora clusters use the same
 * identifier (clusters and instances have separate name spaces).
 */
export function toDbInstanceIdentifier(
  environmentName: string,
  serviceName: string,
): string {
  const id = `gr-${environmentName}-${serviceName}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 63)
    .replace(/-+$/, '');
  return id;
}

/** Who owns an instance beyond its environment name, for cost and orphan reports. */
export interface OwnershipDetails {
  environmentId?: string;
  owner?: string;
  mode?: string;
}

/**
 * Greenroom's ownership tags for an instance; `extra` (from config) never
 * overrides them. Never put a secret here: tags are readable by anyone with
 * rds:Describe* access.
 */
export function greenroomTags(
  environmentName: string,
  serviceName: string,
  extra: Record<string, string> = {},
  details: OwnershipDetails = {},
): Array<{ Key: string; Value: string }> {
  const optional: Record<string, string> = {};
  if (details.environmentId)
    optional[ENVIRONMENT_ID_TAG] = details.environmentId;
  if (details.owner) optional[OWNER_TAG] = details.owner;
  if (details.mode) optional[MODE_TAG] = details.mode;
  return Object.entries({
    ...extra,
    [MANAGED_BY_TAG]: 'greenroom',
    [ENVIRONMENT_TAG]: environmentName,
    [SERVICE_TAG]: serviceName,
    ...optional,
  }).map(([Key, Value]) => ({ Key, Value }));
}

/**
 * A timestamp usable inside RDS identifiers (`20261123T134500`, lower-cased),
 * so snapshot names sort by time and never collide across runs.
 */
export function identifierTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .toLowerCase();
}
