import { createHash } from 'node:crypto';

/**
 * Label (Kubernetes) and tag (AWS) key that says which Greenroom installation
 * a resource belongs to. Listing, adoption and orphan collection only ever
 * touch resources carrying this installation's id.
 *
 * @public
 */
export const INSTALLATION_LABEL = 'greenroom.dev/installation';

/** Longest installation id: short enough for labels, tags and names. */
const MAX_LENGTH = 20;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The default id of an installation: `gr-` and the first 8 hex characters of
 * the sha256 of its `backend.baseUrl`, so it is stable for a portal and
 * differs between portals.
 *
 * @public
 */
export function defaultInstallationId(backendBaseUrl: string): string {
  const hash = createHash('sha256').update(backendBaseUrl, 'utf8').digest();
  return `gr-${hash.toString('hex').slice(0, 8)}`;
}

/**
 * The id of this Greenroom installation: `environments.installationId`, a
 * DNS label of at most 20 characters, else {@link defaultInstallationId} of
 * `backend.baseUrl`. Throws, naming the key, for an id that is not a
 * DNS label.
 *
 * @public
 */
export function readInstallationId(config: {
  getOptionalString(key: string): string | undefined;
}): string {
  const key = 'environments.installationId';
  const configured = config.getOptionalString(key);
  if (configured === undefined) {
    return defaultInstallationId(
      config.getOptionalString('backend.baseUrl') ?? '',
    );
  }
  if (configured.length > MAX_LENGTH || !DNS_LABEL.test(configured)) {
    throw new Error(
      `${key}: must be a DNS label of at most ${MAX_LENGTH} characters (lower-case letters, digits and '-', starting and ending with a letter or digit), got '${configured}'`,
    );
  }
  return configured;
}
