import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { SecretBox } from '../secrets/SecretBox';
import { CostLedgerStore } from './CostLedgerStore';
import { EnvironmentStore } from './EnvironmentStore';
import { migrateDatabase } from './migrateDatabase';
import { OperationStore } from './OperationStore';
import type { EnvironmentsStore } from './types';

export type { ServiceInterval } from './rows';

/**
 * The knex store of environments, their operations and cost ledger, on
 * PostgreSQL or SQLite: one object for the engine and the service, each
 * aggregate kept by its own store.
 */
export class DatabaseEnvironmentsStore implements EnvironmentsStore {
  readonly #environments: EnvironmentStore;
  readonly #operations: OperationStore;
  readonly #ledger: CostLedgerStore;

  static async create(options: {
    database: DatabaseService;
    secrets: SecretBox;
    skipMigrations?: boolean;
    /** The clock, for tests. */
    now?: () => Date;
  }): Promise<DatabaseEnvironmentsStore> {
    const db = await migrateDatabase(options.database, {
      skip: options.skipMigrations,
    });
    return new DatabaseEnvironmentsStore(db, options.secrets, options.now);
  }

  /** Migrates the given database and returns a store on it. */
  static async forTest(
    knex: Knex,
    secrets: SecretBox,
    options: { now?: () => Date } = {},
  ): Promise<DatabaseEnvironmentsStore> {
    return DatabaseEnvironmentsStore.create({
      database: { getClient: async () => knex },
      secrets,
      now: options.now,
    });
  }

  /** On a migrated database. */
  constructor(
    db: Knex,
    secrets: SecretBox,
    now = () => new Date(),
    options: {
      /** PostgreSQL's `work_mem` for the ledger's sums over every environment, in MB. */
      costReportWorkMemMb?: number;
    } = {},
  ) {
    this.#operations = new OperationStore(db, now);
    this.#environments = new EnvironmentStore({
      db,
      secrets,
      operations: this.#operations,
      now,
    });
    this.#ledger = new CostLedgerStore(db, {
      reportWorkMemMb: options.costReportWorkMemMb,
    });
  }

  // Environments
  listEnvironments: EnvironmentsStore['listEnvironments'] = (...args) =>
    this.#environments.listEnvironments(...args);
  listEnvironmentHeaders: EnvironmentsStore['listEnvironmentHeaders'] = (
    ...args
  ) => this.#environments.listEnvironmentHeaders(...args);
  listPolicyEnvironments: EnvironmentsStore['listPolicyEnvironments'] = (
    ...args
  ) => this.#environments.listPolicyEnvironments(...args);
  listPolicyEnvironmentsMs: EnvironmentsStore['listPolicyEnvironmentsMs'] = (
    ...args
  ) => this.#environments.listPolicyEnvironmentsMs(...args);
  getPolicyEnvironment: EnvironmentsStore['getPolicyEnvironment'] = (...args) =>
    this.#environments.getPolicyEnvironment(...args);
  listCostEnvironments: EnvironmentsStore['listCostEnvironments'] = (...args) =>
    this.#environments.listCostEnvironments(...args);
  getEnvironment: EnvironmentsStore['getEnvironment'] = (...args) =>
    this.#environments.getEnvironment(...args);
  getEnvironmentHeader: EnvironmentsStore['getEnvironmentHeader'] = (...args) =>
    this.#environments.getEnvironmentHeader(...args);
  getEnvironmentHeaders: EnvironmentsStore['getEnvironmentHeaders'] = (
    ...args
  ) => this.#environments.getEnvironmentHeaders(...args);
  getEnvironmentHeaderById: EnvironmentsStore['getEnvironmentHeaderById'] = (
    ...args
  ) => this.#environments.getEnvironmentHeaderById(...args);
  getEnvironmentById: EnvironmentsStore['getEnvironmentById'] = (...args) =>
    this.#environments.getEnvironmentById(...args);
  listDependants: EnvironmentsStore['listDependants'] = (...args) =>
    this.#environments.listDependants(...args);
  findCustomDomainHolders: EnvironmentsStore['findCustomDomainHolders'] = (
    ...args
  ) => this.#environments.findCustomDomainHolders(...args);
  createEnvironment: EnvironmentsStore['createEnvironment'] = (...args) =>
    this.#environments.createEnvironment(...args);
  updateEnvironmentSpec: EnvironmentsStore['updateEnvironmentSpec'] = (
    ...args
  ) => this.#environments.updateEnvironmentSpec(...args);
  updateEnvironmentSpecs: EnvironmentsStore['updateEnvironmentSpecs'] = (
    ...args
  ) => this.#environments.updateEnvironmentSpecs(...args);
  updateEnvironmentStatus: EnvironmentsStore['updateEnvironmentStatus'] = (
    ...args
  ) => this.#environments.updateEnvironmentStatus(...args);
  deleteEnvironment: EnvironmentsStore['deleteEnvironment'] = (...args) =>
    this.#environments.deleteEnvironment(...args);
  putVariable: EnvironmentsStore['putVariable'] = (...args) =>
    this.#environments.putVariable(...args);
  deleteVariable: EnvironmentsStore['deleteVariable'] = (...args) =>
    this.#environments.deleteVariable(...args);
  getSecretValues: EnvironmentsStore['getSecretValues'] = (...args) =>
    this.#environments.getSecretValues(...args);
  recordActivity: EnvironmentsStore['recordActivity'] = (...args) =>
    this.#environments.recordActivity(...args);

  // Operations
  createOperation: EnvironmentsStore['createOperation'] = (...args) =>
    this.#operations.createOperation(...args);
  findOperationByIdempotencyKey: EnvironmentsStore['findOperationByIdempotencyKey'] =
    (...args) => this.#operations.findOperationByIdempotencyKey(...args);
  findOperationsByIdempotencyKeys: EnvironmentsStore['findOperationsByIdempotencyKeys'] =
    (...args) => this.#operations.findOperationsByIdempotencyKeys(...args);
  getOperation: EnvironmentsStore['getOperation'] = (...args) =>
    this.#operations.getOperation(...args);
  listOperations: EnvironmentsStore['listOperations'] = (...args) =>
    this.#operations.listOperations(...args);
  claimOperation: EnvironmentsStore['claimOperation'] = (...args) =>
    this.#operations.claimOperation(...args);
  renewLease: EnvironmentsStore['renewLease'] = (...args) =>
    this.#operations.renewLease(...args);
  updateOperation: EnvironmentsStore['updateOperation'] = (...args) =>
    this.#operations.updateOperation(...args);

  // Cost ledger
  openServiceInterval: EnvironmentsStore['openServiceInterval'] = (...args) =>
    this.#ledger.openServiceInterval(...args);
  replaceServiceIntervals: EnvironmentsStore['replaceServiceIntervals'] = (
    ...args
  ) => this.#ledger.replaceServiceIntervals(...args);
  closeServiceIntervals: EnvironmentsStore['closeServiceIntervals'] = (
    ...args
  ) => this.#ledger.closeServiceIntervals(...args);
  reconcileRunningIntervals: EnvironmentsStore['reconcileRunningIntervals'] = (
    ...args
  ) => this.#ledger.reconcileRunningIntervals(...args);
  listOpenServiceIntervals: EnvironmentsStore['listOpenServiceIntervals'] = (
    ...args
  ) => this.#ledger.listOpenServiceIntervals(...args);
  listServiceIntervals: CostLedgerStore['listServiceIntervals'] = (...args) =>
    this.#ledger.listServiceIntervals(...args);
  listIntervalsBetween: EnvironmentsStore['listIntervalsBetween'] = (...args) =>
    this.#ledger.listIntervalsBetween(...args);
  listCostIntervalsBetween: EnvironmentsStore['listCostIntervalsBetween'] = (
    ...args
  ) => this.#ledger.listCostIntervalsBetween(...args);
  sumCostIntervalsBetween: EnvironmentsStore['sumCostIntervalsBetween'] = (
    ...args
  ) => this.#ledger.sumCostIntervalsBetween(...args);
  listActivityTimesBetween: EnvironmentsStore['listActivityTimesBetween'] = (
    ...args
  ) => this.#ledger.listActivityTimesBetween(...args);
  listActivityBetween: EnvironmentsStore['listActivityBetween'] = (...args) =>
    this.#ledger.listActivityBetween(...args);
}
