/**
 * Additional authenticated data of each kind of stored secret: a ciphertext
 * only decrypts where it was written. Re-encryption uses the same contexts.
 */

/** A secret variable; `serviceName` is '' for the environment's own. */
export function variableSecretContext(
  environmentId: string,
  serviceName: string,
  key: string,
): string {
  return `${environmentId}/${serviceName}/${key}`;
}

/** The generated password of a database service. */
export function databasePasswordContext(
  environmentId: string,
  serviceName: string,
): string {
  return `database/${environmentId}/${serviceName}`;
}
