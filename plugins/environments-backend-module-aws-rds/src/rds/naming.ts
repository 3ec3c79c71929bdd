import { createHash } from 'node:crypto';
import { INSTALLATION_LABEL } from '@greenroom/plugin-environments-node';

/** Tags that mark an RDS instance as created and owned by Greenroom. */
export const MANAGED_BY_TAG = 'greenroom.dev/managed-by';
export const ENVIRONMENT_TAG = 'greenroom.dev/environment';
export const ENVIRONMENT_ID_TAG = 'greenroom.dev/environment-id';
export const SERVICE_TAG = 'greenroom.dev/service';
export const OWNER_TAG = 'greenroom.dev/owner';
export const MODE_TAG = 'greenroom.dev/mode';
/** Which Greenroom installation made it (`environments.installationId`). */
export const INSTALLATION_TAG = INSTALLATION_LABEL;

/**
 * Which database of which environment of which installation: what an RDS
 * identifier is derived from.
 */
export interface DatabaseIdentity {
  installationId: string;
  environmentId: string;
  environmentName: string;
  serviceName: string;
}

const MAX_IDENTIFIER = 63;
const HASH_HEX = 8;

/**
 * The RDS instance identifier of a managed database service:
 * `gr-<env>-<service>`, cut so that it fits, then `-` and 8 hex characters of
 * the sha256 of the exact installation, environment id, environment name and
 * service name. The readable part can be the same for two services (`a` +
 * `b-c` and `a-b` + `c`, or two long names cut alike); the hash keeps them
 * apart, and apart from another installation's or an earlier environment's of
 * the same name. RDS wants 1–63 letters, digits or hyphens, starting with a
 * letter, without two hyphens in a row or a trailing hyphen. Aurora clusters
 * use the same identifier (clusters and instances have separate name spaces).
 */
export function toDbInstanceIdentifier(identity: DatabaseIdentity): string {
  const hash = createHash('sha256')
    .update(
      JSON.stringify([
        identity.installationId,
        identity.environmentId,
        identity.environmentName,
        identity.serviceName,
      ]),
    )
    .digest('hex')
    .slice(0, HASH_HEX);
  const readable = legacyDbInstanceIdentifier(
    identity.environmentName,
    identity.serviceName,
  )
    .slice(0, MAX_IDENTIFIER - HASH_HEX - 1)
    .replace(/-+$/, '');
  return `${readable}-${hash}`;
}

/**
 * The identifier of the first releases, `gr-<env>-<service>` cut at 63
 * characters, which two services could share. Instances named so are still
 * found, and acted on only when their tags say they are this database's.
 */
export function legacyDbInstanceIdentifier(
  environmentName: string,
  serviceName: string,
): string {
  return `gr-${environmentName}-${serviceName}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/-+/g, '-')
    .slice(0, MAX_IDENTIFIER)
    .replace(/-+$/, '');
}

/** Who owns an instance beyond its environment name, for cost and orphan reports. */
export interface OwnershipDetails {
  installationId?: string;
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
  if (details.installationId)
    optional[INSTALLATION_TAG] = details.installationId;
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
