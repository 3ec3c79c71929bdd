/** Tags that mark an RDS instance as created and owned by Greenroom. */
export const MANAGED_BY_TAG = 'greenroom.dev/managed-by';
export const ENVIRONMENT_TAG = 'greenroom.dev/environment';
export const SERVICE_TAG = 'greenroom.dev/service';

/**
 * The RDS instance identifier of a managed database service: `gr-<env>-<service>`.
 * RDS wants 1–63 letters, digits or hyphens, starting with a letter, without
 * two hyphens in a row or a trailing hyphen.
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

export function greenroomTags(
  environmentName: string,
  serviceName: string,
  extra: Record<string, string> = {},
): Array<{ Key: string; Value: string }> {
  return Object.entries({
    ...extra,
    [MANAGED_BY_TAG]: 'greenroom',
    [ENVIRONMENT_TAG]: environmentName,
    [SERVICE_TAG]: serviceName,
  }).map(([Key, Value]) => ({ Key, Value }));
}
