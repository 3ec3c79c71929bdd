import { createHash } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import type { PostgresConnection } from '@greenroom/plugin-environments-data-node';
import type { LocalPostgresConfig } from '../config/readLocalDatabases';
import { redactSecrets } from '../engine/redact';

/** PostgreSQL cuts longer names, which would make two databases one. */
const MAX_NAME_LENGTH = 63;

/**
 * `gr_<environment>_<service>`: unique, since neither name has a `_`; names
 * that would be too long end in a hash of the full name instead.
 */
export function localDatabaseName(environment: string, service: string) {
  const name = `gr_${environment}_${service}`;
  if (name.length <= MAX_NAME_LENGTH) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_NAME_LENGTH - hash.length - 1)}_${hash}`;
}

/**
 * The PostgreSQL server the local runtime makes its databases on, reached
 * as a user that may create and drop databases. Connects only while it
 * works, so nothing stays open between operations.
 */
export class LocalPostgresServer {
  readonly binDir?: string;
  readonly #admin: PostgresConnection;

  constructor(config: LocalPostgresConfig) {
    const url = new URL(config.connection);
    this.#admin = {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: decodeURIComponent(url.pathname.slice(1)) || 'postgres',
    };
    this.binDir = config.binDir;
  }

  /** How to reach one of its databases (with the server's user: secret). */
  connection(database: string): PostgresConnection {
    return { ...this.#admin, database };
  }

  async exists(database: string): Promise<boolean> {
    return this.#withConnection(async db => {
      const found = await db('pg_database')
        .where({ datname: database })
        .first('datname');
      return found !== undefined;
    });
  }

  /** Creates the database unless it exists. */
  async create(database: string): Promise<void> {
    if (await this.exists(database)) return;
    await this.#withConnection(async db => {
      try {
        // template0: concurrent creates from template1 refuse each other.
        await db.raw('CREATE DATABASE ?? TEMPLATE template0', [database]);
      } catch (error) {
        // Created meanwhile by another replica: what we wanted.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    });
  }

  /** Drops the database, closing its connections; nothing when it is gone. */
  async drop(database: string): Promise<void> {
    await this.#withConnection(db =>
      db.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [database]),
    );
  }

  /** An empty database of that name, whatever was there. */
  async recreate(database: string): Promise<void> {
    await this.drop(database);
    await this.create(database);
  }

  /** The text without the server user's password. */
  redact(text: string): string {
    return redactSecrets(text, [this.#admin.password]);
  }

  async #withConnection<T>(work: (db: Knex) => Promise<T>): Promise<T> {
    const db = knexFactory({
      client: 'pg',
      connection: { ...this.#admin },
      pool: { min: 0, max: 1 },
    });
    try {
      return await work(db);
    } catch (error) {
      throw this.#scrubbed(error);
    } finally {
      await db.destroy();
    }
  }

  #scrubbed(error: unknown): unknown {
    if (error instanceof Error) {
      error.message = this.redact(error.message);
    }
    return error;
  }
}
