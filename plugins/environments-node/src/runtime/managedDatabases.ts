import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  Environment,
  Service,
} from '@greenroom/plugin-environments-common';
import type {
  ManagedEnvironmentRef,
  ObservedService,
  OrphanContext,
  RuntimeContext,
} from './types';

/**
 * Where a managed database can be reached. It feeds the service's built-in
 * variables (`GR_<SERVICE>_HOST`, `_PORT`, `_USERNAME`, `_DATABASE`, `_URL`).
 *
 * @public
 */
export interface ManagedDatabaseEndpoint {
  host: string;
  port: number;
  username: string;
  database: string;
}

/**
 * Where a clone takes its data from (`dataPolicy: snapshot`): the same service
 * of the source environment.
 *
 * @public
 */
export interface ManagedDatabaseDataSource {
  environment: Pick<Environment, 'id' | 'name' | 'mode'>;
  serviceName: string;
  /** Restore to this instant (point-in-time restore) instead of a fresh snapshot. */
  restoreTime?: string;
}

/**
 * One managed database service (`database.mode: managed`) of an environment.
 *
 * @public
 */
export interface ManagedDatabaseRequest {
  environment: Pick<Environment, 'id' | 'name' | 'mode' | 'owner' | 'system'>;
  /** The service; `service.database.mode` is `managed`. */
  service: Service;
  /**
   * The master password, generated once by the environments backend and kept
   * there encrypted as a secret. Never log it.
   */
  password: string;
  /** Set when the database is created by a clone with `dataPolicy: snapshot`. */
  dataSource?: ManagedDatabaseDataSource;
}

/**
 * Provisions managed databases (one instance or cluster per database service)
 * for environments whose services ask for `database.mode: managed`, whatever
 * runtime runs the rest. Every method converges: calling it again after a
 * partial failure finishes the work and never duplicates it.
 *
 * @public
 */
export interface ManagedDatabaseProvider {
  /** E.g. `aws-rds`. */
  readonly type: string;
  /** Creates the database or converges it, and waits until it is available. */
  ensure(
    request: ManagedDatabaseRequest,
    ctx: RuntimeContext,
  ): Promise<ManagedDatabaseEndpoint>;
  stop(request: ManagedDatabaseRequest, ctx: RuntimeContext): Promise<void>;
  /** Starts it and waits until it is available. */
  start(
    request: ManagedDatabaseRequest,
    ctx: RuntimeContext,
  ): Promise<ManagedDatabaseEndpoint>;
  /**
   * Deletes it. With `finalSnapshot` (always for production, and for a
   * database an update removed) a final snapshot is kept first. For a removed
   * database `request.service` is known by its name only.
   */
  destroy(
    request: ManagedDatabaseRequest,
    ctx: RuntimeContext & { finalSnapshot: boolean },
  ): Promise<void>;
  /**
   * The database's state; with `provisioned` (its real instance class and
   * storage), the cost ledger bills what exists rather than the spec.
   */
  observe(request: ManagedDatabaseRequest): Promise<ObservedService>;
  /** Every environment with a database carrying Greenroom's tags; throws rather than return a partial list. */
  listManaged(): Promise<ManagedEnvironmentRef[]>;
  /**
   * Deletes, with a final snapshot, every database of an environment that no
   * longer exists, found by `listManaged`. Without it, orphans are only
   * reported.
   */
  destroyOrphan?(ref: ManagedEnvironmentRef, ctx: OrphanContext): Promise<void>;
}

/**
 * Lets a backend module provide managed databases (AWS RDS, …).
 *
 * @public
 */
export interface EnvironmentsManagedDatabaseExtensionPoint {
  /** Sets the provider; a second one is an error. */
  setManagedDatabaseProvider(provider: ManagedDatabaseProvider): void;
}

/** @public */
export const environmentsManagedDatabaseExtensionPoint =
  createExtensionPoint<EnvironmentsManagedDatabaseExtensionPoint>({
    id: 'environments.managed-databases',
  });
