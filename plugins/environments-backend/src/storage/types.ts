import type {
  ActivityEvent,
  AttentionItem,
  Baseline,
  CostInterval,
  DesiredState,
  Environment,
  EnvironmentMode,
  EnvironmentStatus,
  Operation,
  OperationStep,
  OperationType,
  Origin,
  Policy,
  Runtime,
  Service,
  Variable,
} from '@greenroom/plugin-environments-common';
import type { JsonValue } from '@backstage/types';
import type { ServiceInterval } from './rows';

/**
 * An environment as the store returns it. Secret variables carry no value
 * (`value` is undefined); their plaintext is only available through
 * {@link EnvironmentsStore.getSecretValues}, for runtimes.
 */
export type StoredEnvironment = Environment;

/** An environment's own fields, without its services and variables. */
export type EnvironmentHeader = Omit<
  StoredEnvironment,
  'services' | 'variables'
>;

/** What the policy sweep reads of an environment: what its decisions need. */
export type PolicyEnvironment = Pick<
  EnvironmentHeader,
  | 'id'
  | 'name'
  | 'owner'
  | 'mode'
  | 'status'
  | 'desiredState'
  | 'policy'
  | 'expiresAt'
  | 'lastActivityAt'
  | 'revision'
>;

/**
 * {@link PolicyEnvironment} with its times in epoch milliseconds, as the
 * sweep reads it: the decision takes numbers, so none is formatted only to
 * be parsed back.
 */
export type PolicyEnvironmentMs = Omit<
  PolicyEnvironment,
  'expiresAt' | 'lastActivityAt'
> & { expiresAt?: number; lastActivityAt: number };

/** What cost reports read of an environment: its groups and its policy. */
export type CostEnvironmentFields = Pick<
  EnvironmentHeader,
  'id' | 'name' | 'owner' | 'system' | 'mode' | 'policy'
>;

/** Fields the store needs to create an environment (ids and times are its own). */
export interface NewEnvironment {
  name: string;
  title: string;
  system: string;
  owner: string;
  mode: EnvironmentMode;
  runtime: Runtime;
  services: Service[];
  /** Environment-scope variables; secret values in clear, encrypted by the store. */
  variables: Variable[];
  policy: Policy;
  desiredState: DesiredState;
  status: EnvironmentStatus;
  origin: Origin;
  /** The base whose services it shares, for an environment that deploys only some. */
  baseline?: Baseline;
  attention: AttentionItem[];
  expiresAt?: string;
  createdBy: string;
}

export interface NewOperation {
  type: OperationType;
  /** Step names, in order; all start `queued`. */
  steps: string[];
  requestedBy: string;
  idempotencyKey?: string;
  /**
   * What identifies the request that asked for it (see `requestFingerprint`),
   * so that its Idempotency-Key replays only the same request.
   */
  requestFingerprint?: string;
  /** Parameters of the operation (e.g. `{ by: '2d' }` for extend). */
  input?: JsonValue;
}

/** An operation with what the engine needs to run and resume it. */
export interface OperationRecord extends Operation {
  environmentName: string;
  input?: JsonValue;
  /** Results of finished checkpoints by key, so a resumed run skips them. */
  checkpoints: Record<string, JsonValue>;
  attempts: number;
  leaseOwner?: string;
  leaseExpiresAt?: string;
}

export type EnvironmentSort =
  | 'name'
  | '-name'
  | 'updatedAt'
  | '-updatedAt'
  | 'lastActivityAt'
  | '-lastActivityAt'
  | 'expiresAt'
  | '-expiresAt';

export interface EnvironmentFilter {
  system?: string;
  owner?: string;
  mode?: EnvironmentMode;
  status?: EnvironmentStatus;
  /** Environments with a service that runs this component (entity ref). */
  component?: string;
  /** Free text, matched case-insensitively against name and title. */
  q?: string;
}

/**
 * A permission filter turned into data (`toAccessFilter`), which the store
 * applies as a knex `where` (`applyAccess`). `anyOf` of `allOf` of criteria.
 */
export type EnvironmentAccessFilter =
  | { allow: 'all' }
  | { allow: 'none' }
  | {
      anyOf: Array<{
        allOf: Array<
          | { owner: string[] }
          | { mode: EnvironmentMode[] }
          | { not: { owner: string[] } | { mode: EnvironmentMode[] } }
        >;
      }>;
    };

/** Fields that a user can change; any of them bumps `revision`. */
export interface EnvironmentSpecPatch {
  title?: string;
  system?: string;
  owner?: string;
  services?: Service[];
  policy?: Policy;
  desiredState?: DesiredState;
  expiresAt?: string | null;
  attention?: AttentionItem[];
}

/** One change of {@link EnvironmentRecords.updateEnvironmentSpecs}. */
export interface EnvironmentSpecChange {
  name: string;
  patch: Omit<EnvironmentSpecPatch, 'services'>;
  expectedRevision?: number;
  operation?: NewOperation;
  activity?: NewActivity;
}

/** What became of one change: made (with its operation), or why not. */
export type EnvironmentSpecChangeOutcome =
  | { environment: EnvironmentHeader; operation?: OperationRecord }
  | { error: Error };

/** Fields the engine and activity tracking change; they never bump `revision`. */
export interface EnvironmentStatusPatch {
  status?: EnvironmentStatus;
  /**
   * Changes the status only while it is one of these, so that an observation
   * made outside an operation never overwrites the status an operation set
   * in the meantime.
   */
  onlyIfStatusIn?: EnvironmentStatus[];
  lastActivityAt?: string;
}

export interface ServiceIntervalInput {
  environmentId: string;
  serviceName: string;
  state: 'running' | 'stopped';
  /** What the service reserved during the interval, for cost. */
  cpuCores: number;
  memoryGb: number;
  storageGb: number;
  instanceClass?: string;
  /** Why the interval started, e.g. `auto-stop` for a policy stop. */
  reason?: string;
}

/**
 * Everything the plugin keeps about environments: the three aggregates
 * below, each its own store (see `DatabaseEnvironmentsStore`).
 */
export interface EnvironmentsStore
  extends EnvironmentRecords,
    OperationQueue,
    CostLedger {}

/** Environments with their services, variables, custom domains and activity. */
export interface EnvironmentRecords {
  listEnvironments(options: {
    filter: EnvironmentFilter;
    access: EnvironmentAccessFilter;
    sort: EnvironmentSort;
    limit: number;
    offset: number;
  }): Promise<{ items: StoredEnvironment[]; totalCount: number }>;

  /**
   * Environments without their services and variables, by name after
   * `afterName` (a page that stays stable while environments come and go, and
   * no count): for work that visits every environment.
   */
  listEnvironmentHeaders(options: {
    filter?: EnvironmentFilter;
    access?: EnvironmentAccessFilter;
    afterName?: string;
    limit: number;
  }): Promise<EnvironmentHeader[]>;

  /**
   * Every environment, by name after `afterName`, with only the fields the
   * policy sweep decides on (no services, variables or other JSON columns).
   */
  listPolicyEnvironments(options: {
    afterName?: string;
    limit: number;
  }): Promise<PolicyEnvironment[]>;

  /** {@link listPolicyEnvironments} with times in epoch milliseconds. */
  listPolicyEnvironmentsMs(options: {
    afterName?: string;
    limit: number;
  }): Promise<PolicyEnvironmentMs[]>;

  /** One environment's policy fields, re-read right before acting on it. */
  getPolicyEnvironment(name: string): Promise<PolicyEnvironment | undefined>;

  /**
   * The environments a cost report covers, by name, in one query: only the
   * fields that group and price them.
   */
  listCostEnvironments(options: {
    filter?: EnvironmentFilter;
    access?: EnvironmentAccessFilter;
  }): Promise<CostEnvironmentFields[]>;

  getEnvironment(name: string): Promise<StoredEnvironment | undefined>;

  /** An environment's own fields from its row alone (no services or variables). */
  getEnvironmentHeader(name: string): Promise<EnvironmentHeader | undefined>;
  /** {@link getEnvironmentHeader} of several, in one query: those that exist. */
  getEnvironmentHeaders(names: string[]): Promise<EnvironmentHeader[]>;
  /** {@link getEnvironmentHeader} by id (one row, no services or variables). */
  getEnvironmentHeaderById(id: string): Promise<EnvironmentHeader | undefined>;
  getEnvironmentById(id: string): Promise<StoredEnvironment | undefined>;

  /**
   * The environments, not destroyed, that share services of the base with
   * this id (their `baseline`), by name.
   */
  listDependants(baseId: string): Promise<EnvironmentHeader[]>;

  /**
   * Which environment holds each of these custom domains (hosts compare
   * case-insensitively): one entry per host that is held.
   */
  findCustomDomainHolders(
    hosts: string[],
  ): Promise<Array<{ host: string; environmentName: string }>>;

  /**
   * Creates the environment and its first operation in one transaction.
   * Throws ConflictError (from @backstage/errors) when the name is taken, or
   * a custom domain of its services is another environment's.
   */
  createEnvironment(
    environment: NewEnvironment,
    operation: NewOperation,
  ): Promise<{ environment: StoredEnvironment; operation: OperationRecord }>;

  /**
   * Changes what the user asked for and bumps `revision`; with
   * `expectedRevision`, throws ConflictError when it no longer matches.
   * With `operation`, also queues it in the same transaction. New services
   * take their custom domains as a create does (ConflictError when another
   * environment holds one). With `activity`, records it in the same
   * transaction, as {@link EnvironmentRecords.recordActivity} does.
   */
  updateEnvironmentSpec(
    name: string,
    patch: EnvironmentSpecPatch,
    options: {
      expectedRevision?: number;
      operation?: NewOperation;
      activity?: NewActivity;
    },
  ): Promise<{ environment: StoredEnvironment; operation?: OperationRecord }>;

  /**
   * Several spec changes (no services) in one transaction, each as
   * {@link EnvironmentRecords.updateEnvironmentSpec} makes it, with an
   * outcome of its own in the order given: a change whose environment is
   * missing or at another revision fails (its outcome's error) and the others
   * are made. Returns the written rows without services or variables.
   */
  updateEnvironmentSpecs(
    changes: EnvironmentSpecChange[],
  ): Promise<EnvironmentSpecChangeOutcome[]>;

  /** Status and activity updates: no revision bump, no conflict check. */
  updateEnvironmentStatus(
    id: string,
    patch: EnvironmentStatusPatch,
  ): Promise<void>;

  /**
   * Removes a destroyed environment, its variables and services, and frees
   * its custom domains (operations stay).
   */
  deleteEnvironment(id: string): Promise<void>;

  /**
   * Sets (creates or replaces) a variable at environment scope or, with
   * `service`, at that service's scope; bumps revision. Secret values are
   * encrypted. Throws NotFoundError for an unknown service.
   */
  putVariable(
    name: string,
    variable: Variable,
    options: { service?: string; expectedRevision?: number },
  ): Promise<StoredEnvironment>;
  /** Returns false when there was no such variable. */
  deleteVariable(
    name: string,
    key: string,
    options: { service?: string; expectedRevision?: number },
  ): Promise<boolean>;

  /** Plaintext secret values by `<service or empty>/<KEY>`, for runtimes only. */
  getSecretValues(environmentId: string): Promise<Map<string, string>>;

  recordActivity(environmentId: string, activity: NewActivity): Promise<void>;
}

/** Something done to an environment: it keeps it from counting as idle. */
export interface NewActivity {
  kind: string;
  actor?: string;
  at: Date;
}

/** Operations and the leases of the replicas that run them. */
export interface OperationQueue {
  /** Queues an operation; the same (requestedBy, idempotencyKey) returns the existing one. */
  createOperation(
    environmentId: string,
    operation: NewOperation,
  ): Promise<{ operation: OperationRecord; created: boolean }>;
  /**
   * The operation a caller queued with this key, and the fingerprint of the
   * request (none for operations queued before fingerprints were kept).
   */
  findOperationByIdempotencyKey(
    requestedBy: string,
    idempotencyKey: string,
  ): Promise<
    { operation: OperationRecord; requestFingerprint?: string } | undefined
  >;
  /** {@link findOperationByIdempotencyKey} of several keys, by key: those found. */
  findOperationsByIdempotencyKeys(
    requestedBy: string,
    idempotencyKeys: string[],
  ): Promise<
    Map<string, { operation: OperationRecord; requestFingerprint?: string }>
  >;
  getOperation(id: string): Promise<OperationRecord | undefined>;
  listOperations(
    environmentId: string,
    options?: { limit?: number },
  ): Promise<OperationRecord[]>;
  /**
   * Claims the oldest runnable operation: queued, or running with an expired
   * lease (a replica died). At most one running operation per environment.
   * Uses `FOR UPDATE SKIP LOCKED` on PostgreSQL so replicas never claim the
   * same one. With `id`, only that operation, if it is claimable.
   */
  claimOperation(
    owner: string,
    leaseMs: number,
    id?: string,
  ): Promise<OperationRecord | undefined>;
  /** Extends the lease; false when another owner took it over. */
  renewLease(id: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Saves step progress and checkpoints; only the lease owner may write. */
  updateOperation(
    id: string,
    owner: string,
    patch: {
      status?: Operation['status'];
      steps?: OperationStep[];
      checkpoints?: Record<string, JsonValue>;
      error?: string;
    },
  ): Promise<boolean>;
}

/** What services reserved over time, and activity, for cost reports. */
export interface CostLedger {
  /** Closes the open interval of the service (if any) and opens a new one. */
  openServiceInterval(interval: ServiceIntervalInput, at: Date): Promise<void>;
  /**
   * Closes every open interval of the environment and opens the given ones,
   * in one transaction (what an apply, start or stop bills from).
   */
  replaceServiceIntervals(
    environmentId: string,
    intervals: ServiceIntervalInput[],
    at: Date,
  ): Promise<void>;
  /**
   * Replaces open `running` intervals whose reservation differs from what
   * an observation saw; leaves unchanged, missing and stopped ones alone.
   * Returns the services whose interval changed.
   */
  reconcileRunningIntervals(
    intervals: ServiceIntervalInput[],
    at: Date,
  ): Promise<string[]>;
  /** The open interval of each service of an environment. */
  listOpenServiceIntervals(environmentId: string): Promise<ServiceInterval[]>;
  /** Closes open intervals of an environment (all services, or one). */
  closeServiceIntervals(
    environmentId: string,
    at: Date,
    serviceName?: string,
  ): Promise<void>;
  /**
   * Ledger intervals of all environments that overlap `[from, to)` (open
   * ones included), oldest first, in one query.
   */
  /** Ledger intervals overlapping `[from, to)`, of one environment when given. */
  listIntervalsBetween(
    from: Date,
    to: Date,
    environmentId?: string,
  ): Promise<ServiceInterval[]>;
  /**
   * The intervals of {@link listIntervalsBetween} (all environments) as the
   * cost math reads them: times in epoch milliseconds, only its columns.
   */
  listCostIntervalsBetween(from: Date, to: Date): Promise<CostInterval[]>;
  /**
   * The intervals of {@link listCostIntervalsBetween} added up per
   * environment, state, times and reason (managed databases one each): what
   * reports price, in a row per environment and state change rather than
   * per service.
   */
  sumCostIntervalsBetween(from: Date, to: Date): Promise<CostInterval[]>;
  /** The activity of {@link listActivityBetween} (of one environment when given), times in epoch milliseconds. */
  listActivityTimesBetween(
    from: Date,
    to: Date,
    environmentId?: string,
  ): Promise<ActivityEvent[]>;
  /** Activity of all environments in `[from, to)`, oldest first. */
  listActivityBetween(
    from: Date,
    to: Date,
  ): Promise<Array<{ environmentId: string; at: string }>>;
}
