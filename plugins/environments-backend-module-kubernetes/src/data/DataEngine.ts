import type { DataRules } from '@greenroom/plugin-environments-common';
import type { DatabaseConnection } from './connections';

/** One entry of a container's `env`. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string } };
}

/**
 * What the data Jobs need of one engine. An engine that can be copied or
 * seeded adds its entry to `DATA_ENGINES`, and nothing else.
 */
export interface DataEngine {
  /** Its official client image, `{version}` standing for the database's version. */
  image: string;
  /** The scheme of the `DATABASE_URL` a seed image gets. */
  urlScheme: string;
  /** Points the engine's client tools at a database; the password only by reference. */
  clientEnv(
    connection: DatabaseConnection,
    password: EnvVar['valueFrom'] | undefined,
  ): EnvVar[];
  /** Added to the dump's environment: the source is only ever read. */
  readOnlyEnv: EnvVar[];
  /** The dump and restore scripts of a copy, for the client image's `sh`. */
  copyScripts(rules: DataRules): { dump: string; restore: string };
  /** Tells the transformer (`DATA_TRANSFORMER_SCRIPT`) how to read the dump. */
  transformerEnv(source: DatabaseConnection): EnvVar[];
  /** A shell loop that returns once the database accepts connections. */
  waitUntilReady: string;
  /**
   * How an SQL seed, mounted as `<dir>/seed.sql`, runs against the database:
   * as one transaction as far as the engine allows, stopping at the first
   * error. `files` are mounted beside it.
   */
  sqlSeed(dir: string): { command: string[]; files?: Record<string, string> };
  /** What a failed load leaves in the database, said after the failure. */
  afterFailure: { copy: string; sqlSeed: string };
}
