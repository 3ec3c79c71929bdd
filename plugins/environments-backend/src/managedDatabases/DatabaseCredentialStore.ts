import { randomBytes, type KeyObject } from 'node:crypto';
import type { Knex } from 'knex';
import type { DatabaseCredentials } from '@greenroom/plugin-environments-common';
import type { ManagedDatabaseEndpoint } from '@greenroom/plugin-environments-node';
import type { SecretBox } from '../secrets/SecretBox';
import { databasePasswordContext } from '../secrets/contexts';

const TABLE = 'database_credentials';

/** 32 characters RDS and every engine accept: letters, digits, `-` and `_`. */
function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The generated password of each database service, encrypted at rest and
 * bound to its environment and service, plus a managed database's endpoint.
 * A clone gets new rows of its own: passwords are never copied.
 */
export class DatabaseCredentialStore {
  readonly #db: Knex;
  readonly #secrets: SecretBox;

  constructor(db: Knex, secrets: SecretBox) {
    this.#db = db;
    this.#secrets = secrets;
  }

  /** The service's password, generated and stored the first time it is asked for. */
  async password(environmentId: string, serviceName: string): Promise<string> {
    const context = databasePasswordContext(environmentId, serviceName);
    const existing = await this.#db(TABLE)
      .where({ environment_id: environmentId, service_name: serviceName })
      .first();
    if (existing) return this.#secrets.decrypt(existing.password, context);
    const password = generatePassword();
    await this.#db(TABLE)
      .insert({
        environment_id: environmentId,
        service_name: serviceName,
        password: this.#secrets.encrypt(password, context),
        endpoint: null,
        updated_at: Date.now(),
      })
      // Two replicas racing: the first password wins and both read it back.
      .onConflict(['environment_id', 'service_name'])
      .ignore();
    return this.password(environmentId, serviceName);
  }

  /**
   * The key runtimes hash the environment's secret data with, handed over
   * with the resolved environment (see `resolveEnvironment`).
   */
  secretHashKey(environmentId: string): KeyObject {
    return this.#secrets.secretHashKey(environmentId);
  }

  /** The key of an operation's data copies (see `SecretBox.dataTransformKey`). */
  dataTransformKey(operationId: string): string {
    return this.#secrets.dataTransformKey(operationId);
  }

  async setEndpoint(
    environmentId: string,
    serviceName: string,
    endpoint: ManagedDatabaseEndpoint,
  ): Promise<void> {
    await this.#db(TABLE)
      .where({ environment_id: environmentId, service_name: serviceName })
      .update({ endpoint: JSON.stringify(endpoint), updated_at: Date.now() });
  }

  /**
   * Credentials of the given database services, for variable resolution:
   * password, and for managed databases where they are reachable.
   */
  async credentials(
    environmentId: string,
    serviceNames: string[],
  ): Promise<Record<string, DatabaseCredentials>> {
    // One read of every row, one insert of the missing passwords: not a few
    // queries one after another per service.
    const rows = await this.#rows(environmentId, serviceNames);
    const missing = [...new Set(serviceNames)].filter(name => !rows.has(name));
    if (missing.length > 0) {
      await this.#db(TABLE)
        .insert(
          missing.map(name => ({
            environment_id: environmentId,
            service_name: name,
            password: this.#secrets.encrypt(
              generatePassword(),
              databasePasswordContext(environmentId, name),
            ),
            endpoint: null,
            updated_at: Date.now(),
          })),
        )
        // Two replicas racing: the first password wins and both read it back.
        .onConflict(['environment_id', 'service_name'])
        .ignore();
      for (const [name, row] of await this.#rows(environmentId, missing)) {
        rows.set(name, row);
      }
    }
    const result: Record<string, DatabaseCredentials> = {};
    for (const name of serviceNames) {
      const row = rows.get(name)!;
      const password = this.#secrets.decrypt(
        row.password,
        databasePasswordContext(environmentId, name),
      );
      const endpoint: ManagedDatabaseEndpoint | undefined = row.endpoint
        ? JSON.parse(row.endpoint)
        : undefined;
      result[name] = endpoint
        ? {
            password,
            host: endpoint.host,
            port: endpoint.port,
            username: endpoint.username,
            database: endpoint.database,
          }
        : { password };
    }
    return result;
  }

  async #rows(
    environmentId: string,
    serviceNames: string[],
  ): Promise<Map<string, { password: string; endpoint: string | null }>> {
    const rows = await this.#db(TABLE)
      .where({ environment_id: environmentId })
      .whereIn('service_name', serviceNames)
      .select('service_name', 'password', 'endpoint');
    return new Map(rows.map(row => [row.service_name, row]));
  }

  /** The services of an environment that have a managed database endpoint. */
  async managedServiceNames(environmentId: string): Promise<string[]> {
    const rows = await this.#db(TABLE)
      .where({ environment_id: environmentId })
      .whereNotNull('endpoint')
      .select('service_name');
    return rows.map(row => row.service_name);
  }

  async clearEndpoint(environmentId: string, serviceName: string) {
    await this.#db(TABLE)
      .where({ environment_id: environmentId, service_name: serviceName })
      .update({ endpoint: null, updated_at: Date.now() });
  }

  /** Forgets the credentials of an environment, or of one of its services. */
  async delete(environmentId: string, serviceName?: string): Promise<void> {
    const query = this.#db(TABLE).where({ environment_id: environmentId });
    if (serviceName) query.where({ service_name: serviceName });
    await query.delete();
  }
}
