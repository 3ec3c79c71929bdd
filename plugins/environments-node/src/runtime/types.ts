import type { KeyObject } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import type {
  DatabaseEngine,
  DataRules,
  DataSeed,
  DriftFinding,
  Environment,
  ResolvedVariables,
  Service,
  ServicePhase,
} from '@greenroom/plugin-environments-common';

/**
 * An environment as a runtime receives it: the stored record plus every
 * variable resolved (built-ins computed for this environment, aliases followed,
 * secret values decrypted). Only runtimes see secret values.
 *
 * @public
 */
export interface ResolvedEnvironment {
  environment: Environment;
  variables: ResolvedVariables;
  /**
   * Key to hash this environment's secret data with (`secretDataHash`),
   * e.g. into pod templates so a changed secret rolls the pods. Derived by
   * the backend from its secrets key (HKDF, per environment); stable while
   * that key is the newest. Secret: never log it or put it anywhere but
   * into an HMAC. Absent when the caller has no secrets key (some tests).
   */
  secretHashKey?: KeyObject;
  /**
   * The portal's waking page of each service with a public port, by service
   * name: where a visitor of the service lands while the environment is
   * stopped. A runtime that routes public traffic points it there on stop
   * and back to the service on start. Absent when the backend does not
   * know its own external URL.
   */
  wakeUrls?: Record<string, string>;
  /**
   * For an environment that shares a base: the base, and its services this
   * environment does not deploy but reaches at `<service>-<base>` (its
   * variables already point there). A runtime whose hosts are local to an
   * environment (a Kubernetes namespace) makes those hosts resolve, without
   * deploying the services. Absent once the base is destroyed.
   */
  baseline?: {
    environment: Pick<Environment, 'id' | 'name' | 'runtime'>;
    services: Service[];
  };
}

/**
 * What the engine hands a runtime for one long-running call.
 *
 * @public
 */
export interface RuntimeContext {
  /** Aborted when the operation is cancelled or the backend shuts down. */
  signal: AbortSignal;
  logger: LoggerService;
  /**
   * Runs `fn` once per key for this operation and stores its JSON result; when
   * an operation resumes on another replica, finished keys return the stored
   * result instead of running again.
   */
  checkpoint<T extends JsonValue | void>(
    key: string,
    fn: () => Promise<T>,
  ): Promise<T>;
}

/** @public */
export type { ServicePhase };

/** @public */
export interface ObservedService {
  name: string;
  phase: ServicePhase;
  /** Why a service is not running, in words a developer understands. */
  message?: string;
  /** Addresses a browser can open (public ports, custom domains). */
  urls: string[];
  /** Addresses other services of the environment use (in-cluster DNS). */
  internalUrls?: string[];
  replicas?: { desired: number; ready: number };
  /** The image the running pods use, which differs from the spec's during a rollout. */
  image?: string;
  /**
   * What the service actually holds in the runtime, which the cost ledger
   * bills instead of the spec. Absent when the runtime cannot tell (the
   * ledger then bills the declared resources).
   */
  provisioned?: ProvisionedResources;
}

/**
 * What one service holds in its runtime now: resources reserved by its
 * running replicas, volumes that exist (running or not), and for a managed
 * database its real instance class. Declared but not provisioned counts 0.
 *
 * @public
 */
export interface ProvisionedResources {
  /** Replicas running now. */
  replicas: number;
  /** CPU cores requested, summed over the running replicas. */
  cpuCores: number;
  /** Memory in GB (GiB) requested, summed over the running replicas. */
  memoryGb: number;
  /** GB of the volumes (or a managed database's disk) that exist. */
  storageGb: number;
  /** A managed database's instance class, e.g. `db.t4g.micro`. */
  instanceClass?: string;
}

/** @public */
export interface ObservedState {
  services: ObservedService[];
  observedAt: string;
  /**
   * Objects the runtime owns that were deleted or changed out of band. Absent
   * when the runtime cannot tell (it then reports no drift).
   */
  drift?: DriftFinding[];
  /**
   * Annotations for the environment's catalog entity that tell other plugins
   * where its objects are, e.g. `backstage.io/kubernetes-namespace` and
   * `backstage.io/kubernetes-label-selector` for the Kubernetes plugin.
   */
  entityAnnotations?: Record<string, string>;
}

/** @public */
export interface RuntimePlanChange {
  action: 'create' | 'update' | 'delete' | 'unchanged';
  /** The runtime's own name for the object, e.g. `Deployment/orders-api`. */
  resource: string;
  service?: string;
  detail?: string;
}

/** @public */
export interface RuntimePlan {
  runtime: string;
  changes: RuntimePlanChange[];
}

/**
 * An environment found in a runtime by its ownership labels, for orphan
 * collection.
 *
 * @public
 */
export interface ManagedEnvironmentRef {
  environmentName: string;
  environmentId?: string;
  /** Cluster, account or region it was found in. */
  target?: string;
}

/**
 * What orphan collection hands `destroyOrphan`: a reference from the same
 * runtime's or provider's `listManaged`, whose environment no longer exists.
 *
 * @public
 */
export interface OrphanContext {
  signal: AbortSignal;
  logger: LoggerService;
}

/**
 * One database's data to load into an environment after it is applied: a
 * copy of the source's data through the rules, or a seed.
 *
 * @public
 */
export interface DataLoad {
  /** The database service of the environment being loaded. */
  service: string;
  engine: DatabaseEngine;
  action: 'copy' | 'seed';
  /** For `copy`: what to transform and which rows to take. */
  rules?: DataRules;
  /**
   * For `copy`: the environment copied from, resolved (its variables hold
   * the credentials of its database of the same name). Secret: runtime only.
   */
  source?: ResolvedEnvironment;
  /** For `seed`: what to run. */
  seed?: DataSeed;
  /**
   * The key of this load's deterministic transforms: the same for every
   * attempt of one operation (so a resumed copy maps values the same way),
   * different between operations. Secret: never log it.
   */
  transformKey: string;
}

/** How far a data load has come, for the operation's timeline. @public */
export interface DataLoadProgress {
  /** Rows written so far, over all tables. */
  rows: number;
  /** The table being copied, e.g. `public.users`. */
  table?: string;
}

/** What a finished data load wrote. @public */
export interface DataLoadResult {
  rows: number;
  tables: { table: string; rows: number }[];
}

/** What the engine hands `loadData`. @public */
export interface DataLoadContext extends RuntimeContext {
  /** Reports progress; cheap to call often (the engine writes it at most every few seconds). */
  progress(update: DataLoadProgress): void;
}

/**
 * Deploys environments somewhere. Every method converges: calling it again
 * after a partial failure finishes the work and never duplicates it.
 *
 * @public
 */
export interface EnvironmentRuntime {
  /** The `runtime.type` of the environments this runtime serves. */
  readonly type: string;
  /** True when nothing is really deployed (the built-in `local` runtime). */
  readonly simulated?: boolean;
  /** Dry run: what `apply` would change. */
  plan(env: ResolvedEnvironment): Promise<RuntimePlan>;
  /**
   * Converges the environment; returns what then runs. An answer with
   * `drift` is a full observation (as `observe` would make): the engine's
   * observe step right after records it instead of calling `observe`.
   */
  apply(env: ResolvedEnvironment, ctx: RuntimeContext): Promise<ObservedState>;
  stop(env: ResolvedEnvironment, ctx: RuntimeContext): Promise<void>;
  /**
   * Scales the environment back up. May return what then runs, which the
   * cost ledger bills from (as it does `apply`'s answer).
   */
  start(
    env: ResolvedEnvironment,
    ctx: RuntimeContext,
  ): Promise<ObservedState | void>;
  destroy(env: ResolvedEnvironment, ctx: RuntimeContext): Promise<void>;
  observe(env: ResolvedEnvironment): Promise<ObservedState>;
  /**
   * Every environment carrying Greenroom's ownership labels. Must throw rather
   * than return a partial list, so garbage collection never deletes on a
   * failed listing.
   */
  listManaged(): Promise<ManagedEnvironmentRef[]>;
  /**
   * Deletes what `listManaged` found for an environment that no longer
   * exists, after checking again that it still carries that environment's
   * ownership labels. Without it, orphans are only reported.
   */
  destroyOrphan?(ref: ManagedEnvironmentRef, ctx: OrphanContext): Promise<void>;
  /**
   * The engines `loadData` loads; a copy or seed of another engine is
   * refused when the clone is planned. All engines when absent.
   */
  readonly dataEngines?: readonly DatabaseEngine[];
  /**
   * Loads data into one database of an applied environment: copies the
   * source's data through the rules, or runs a seed. All or nothing: a
   * failed or interrupted load leaves the database empty, and calling it
   * again starts over. Without it, copies and seeds are refused at plan time.
   */
  loadData?(
    env: ResolvedEnvironment,
    load: DataLoad,
    ctx: DataLoadContext,
  ): Promise<DataLoadResult>;
}
