import {
  AddTagsToResourceCommand,
  CreateDBClusterCommand,
  CreateDBInstanceCommand,
  CreateDBSnapshotCommand,
  DBCluster,
  DBInstance,
  DeleteDBClusterCommand,
  DeleteDBInstanceCommand,
  DeleteDBSnapshotCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  ModifyDBClusterCommand,
  ModifyDBInstanceCommand,
  RDSClient,
  RestoreDBClusterToPointInTimeCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
  RestoreDBInstanceToPointInTimeCommand,
  StartDBClusterCommand,
  StartDBInstanceCommand,
  StopDBClusterCommand,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ManagedDatabaseEndpoint,
  ManagedDatabaseProvider,
  ManagedDatabaseRequest,
  ManagedEnvironmentRef,
  ObservedService,
  OrphanContext,
  RetryOptions,
  RuntimeContext,
  RuntimeError,
  isTransientError,
  retryWithBackoff,
} from '@greenroom/plugin-environments-node';
import type { Service } from '@greenroom/plugin-environments-common';
import type { AwsRdsConfig } from './config';
import { databaseNameFor, masterUsernameFor, rdsEngineFor } from './engines';
import { RdsErrorContext, toRuntimeError } from './errors';
import {
  ManagedInstance,
  listManagedInstances,
  tagValue,
} from './listManagedInstances';
import {
  ENVIRONMENT_ID_TAG,
  ENVIRONMENT_TAG,
  INSTALLATION_TAG,
  MANAGED_BY_TAG,
  SERVICE_TAG,
  greenroomTags,
  identifierTimestamp,
  legacyDbInstanceIdentifier,
  toDbInstanceIdentifier,
} from './naming';
import { pollUntil } from './poll';
import { failureOf, phaseOf } from './status';

/** Storage of a new instance when the service names none. */
export const DEFAULT_STORAGE_GB = 20;
/** Enough days of backups for point-in-time restore; production keeps a week. */
const BACKUP_RETENTION_DAYS = { production: 7, other: 1 };
// A freshly created instance can be missing from DescribeDBInstances for a
// moment; after this many "not found" answers in a row it is really gone.
const NOT_FOUND_TOLERANCE = 5;
/**
 * The password of a request built for orphan collection, which knows no real
 * one and needs none (deleting sends no password). Not empty, so it is
 * redacted like any password, and shaped so no AWS message contains it.
 */
const NO_PASSWORD = '\u0000greenroom-orphan-collection-has-no-password\u0000';

/** @public */
export interface AwsRdsDatabaseProviderOptions {
  client: RDSClient;
  config: AwsRdsConfig;
  /**
   * `environments.installationId` (see `readInstallationId`): tagged on
   * everything created, and required on everything listed or deleted.
   */
  installationId: string;
  /** Backoff for transient AWS failures; tests shorten it. */
  retry?: Pick<RetryOptions, 'retries' | 'baseDelayMs' | 'maxDelayMs'>;
  /** Clock for snapshot names; tests fix it. */
  now?: () => Date;
}

/** Everything derived from a request that names or shapes its database. */
interface DatabaseSpec {
  id: string;
  /** The clone's source database, when the request has a data source. */
  sourceId?: string;
  aurora: boolean;
  engine: string;
  engineVersion: string;
  instanceClass: string;
  storageGb: number;
  storageExplicit: boolean;
  username: string;
  dbName: string;
  production: boolean;
  backupRetentionDays: number;
  tags: Array<{ Key: string; Value: string }>;
}

type Ctx = Pick<RuntimeContext, 'signal' | 'logger'>;

// observe() has no operation context; its retries need not be logged.
const quietLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => quietLogger,
};

/**
 * Managed databases on AWS RDS: an instance (or, with `engineMode: aurora`, an
 * Aurora cluster with one instance) per managed database service, named
 * `gr-<environment>-<service>` and tagged as Greenroom's. Every method
 * converges, so the engine may call it again after any failure.
 *
 * @public
 */
export class AwsRdsDatabaseProvider implements ManagedDatabaseProvider {
  readonly type = 'aws-rds';
  readonly #client: RDSClient;
  readonly #config: AwsRdsConfig;
  readonly #installationId: string;
  readonly #retry: AwsRdsDatabaseProviderOptions['retry'];
  readonly #now: () => Date;

  constructor(options: AwsRdsDatabaseProviderOptions) {
    this.#client = options.client;
    this.#config = options.config;
    this.#installationId = options.installationId;
    this.#retry = options.retry ?? {
      retries: 6,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
    };
    this.#now = options.now ?? (() => new Date());
  }

  async ensure(
    request: ManagedDatabaseRequest,
    ctx: RuntimeContext,
  ): Promise<ManagedDatabaseEndpoint> {
    // Refuses what RDS cannot run (redis, mongodb) before any AWS call.
    rdsEngineFor(request.service, this.#config.engineMode);
    const located = await this.#locate(request, ctx);
    const existing = located.instance;
    const spec = this.#spec(request, located.id);
    const log = this.#logger(ctx, request, spec.id);
    const about = this.#about(request, spec);
    let sourceSnapshot: string | undefined;
    if (!existing && request.dataSource) {
      spec.sourceId = await this.#locateSource(request, ctx, about);
    }

    if (existing) {
      this.#assertOwned(existing, request, spec);
      await this.#adopt(existing, spec, { ...ctx, logger: log }, about);
      if (existing.DBInstanceStatus === 'deleting') {
        throw new RuntimeError(
          `RDS instance ${spec.id} is still being deleted; run the operation again once it is gone`,
          { transient: true, code: 'InstanceDeleting' },
        );
      }
      await this.#converge(existing, spec, request, { ...ctx, logger: log });
    } else if (request.dataSource && !spec.aurora) {
      const restoreTime = request.dataSource.restoreTime;
      if (!restoreTime) {
        // A fresh snapshot of the source, remembered so a resumed operation
        // restores from the same one instead of taking another.
        sourceSnapshot = await ctx.checkpoint(
          `aws-rds:${spec.id}:source-snapshot`,
          () => this.#snapshotSource(request, spec, { ...ctx, logger: log }),
        );
        await this.#waitForSnapshot(sourceSnapshot, ctx, about);
      }
      await ctx.checkpoint(`aws-rds:${spec.id}:create`, async () => {
        await this.#ignoreExists(
          restoreTime
            ? this.#restoreToPointInTime(request, spec, restoreTime, ctx)
            : this.#restoreFromSnapshot(spec, sourceSnapshot!, ctx, about),
          log,
          spec.id,
        );
        return { identifier: spec.id };
      });
    } else {
      await ctx.checkpoint(`aws-rds:${spec.id}:create`, async () => {
        if (spec.aurora && request.dataSource) {
          await this.#restoreAurora(request, spec, { ...ctx, logger: log });
        } else if (spec.aurora) {
          await this.#createAurora(request, spec, { ...ctx, logger: log });
        } else {
          await this.#ignoreExists(
            this.#createInstance(request, spec, ctx),
            log,
            spec.id,
          );
        }
        return { identifier: spec.id };
      });
    }

    let instance = await this.#waitFor(spec.id, 'available', ctx, about);
    if (request.dataSource) {
      // Clones never share the source's credentials.
      await ctx.checkpoint(`aws-rds:${spec.id}:clone-credentials`, async () => {
        await this.#resetPassword(request, spec, ctx);
        return true;
      });
      // Right after the call the instance may still look available with the
      // old password; wait until AWS no longer lists the change as pending.
      instance = await this.#waitFor(
        spec.id,
        'available',
        ctx,
        about,
        ready => !ready.PendingModifiedValues?.MasterUserPassword,
      );
    }
    if (sourceSnapshot) {
      await this.#deleteSourceSnapshot(sourceSnapshot, { ...ctx, logger: log });
    }
    log.info('RDS database is available', {
      instanceClass: spec.instanceClass,
    });
    return this.#endpoint(instance, spec, ctx, about);
  }

  async stop(request: ManagedDatabaseRequest, ctx: RuntimeContext) {
    const { aurora } = this.#identity(request);
    let id = this.#identity(request).id;
    const about = this.#about(request);
    let log = this.#logger(ctx, request);
    // Re-read the state on every attempt: AWS refuses to stop an instance that
    // is starting, modifying or backing up (InvalidDBInstanceState), and a
    // retry may find it already stopped.
    const stopping = await retryWithBackoff(async () => {
      const located = await this.#locate(request, ctx);
      const instance = located.instance;
      id = located.id;
      log = this.#logger(ctx, request, id);
      if (!instance) return false;
      const problem = this.#ownershipProblem(instance, request);
      if (problem) {
        log.warn(`Not stopping RDS instance ${id}: ${problem}`);
        return false;
      }
      if (['stopped', 'stopping'].includes(instance.DBInstanceStatus ?? '')) {
        return true;
      }
      await this.#call(
        ctx,
        about,
        abortSignal =>
          aurora
            ? this.#client.send(
                new StopDBClusterCommand({ DBClusterIdentifier: id }),
                { abortSignal },
              )
            : this.#client.send(
                new StopDBInstanceCommand({ DBInstanceIdentifier: id }),
                { abortSignal },
              ),
        { retries: 0 },
      );
      log.info('Stopping RDS database');
      return true;
    }, this.#retryOptions(ctx));
    if (!stopping) {
      log.info('No RDS database of this service to stop');
      return;
    }
    await this.#waitFor(id, 'stopped', ctx, about);
  }

  async start(
    request: ManagedDatabaseRequest,
    ctx: RuntimeContext,
  ): Promise<ManagedDatabaseEndpoint> {
    const located = await this.#locate(request, ctx);
    const instance = located.instance;
    const spec = this.#spec(request, located.id);
    const about = this.#about(request, spec);
    // Nothing to start: creating it is what "start" means for a database
    // that was never made (or was lost).
    if (!instance) return this.ensure(request, ctx);
    this.#assertOwned(instance, request, spec);
    await this.#startIfStopped(instance, spec, ctx, about);
    const ready = await this.#waitFor(spec.id, 'available', ctx, about);
    return this.#endpoint(ready, spec, ctx, about);
  }

  async destroy(
    request: ManagedDatabaseRequest,
    ctx: RuntimeContext & { finalSnapshot: boolean },
  ): Promise<void> {
    const { aurora } = this.#identity(request);
    const { id, instance } = await this.#locate(request, ctx);
    const about = { ...this.#about(request), identifier: id };
    const log = this.#logger(ctx, request, id);
    // Production data is never deleted without a final snapshot.
    const keepSnapshot =
      ctx.finalSnapshot || request.environment.mode === 'production';
    const finalSnapshot = keepSnapshot
      ? `${id}-final-${identifierTimestamp(this.#now())}`
      : undefined;

    const problem = instance && this.#ownershipProblem(instance, request);
    if (problem) {
      log.warn(`Not deleting RDS instance ${id}: ${problem}`);
      return;
    }
    const snapshotName = await ctx.checkpoint(
      `aws-rds:${id}:delete`,
      async () => {
        if (aurora) return this.#deleteAurora(id, finalSnapshot, ctx, about);
        if (!instance || instance.DBInstanceStatus === 'deleting') return null;
        if (instance.DeletionProtection) {
          await this.#call(ctx, about, abortSignal =>
            this.#client.send(
              new ModifyDBInstanceCommand({
                DBInstanceIdentifier: id,
                DeletionProtection: false,
                ApplyImmediately: true,
              }),
              { abortSignal },
            ),
          );
        }
        await this.#ignoreNotFound(
          this.#call(ctx, about, abortSignal =>
            this.#client.send(
              new DeleteDBInstanceCommand({
                DBInstanceIdentifier: id,
                SkipFinalSnapshot: !finalSnapshot,
                FinalDBSnapshotIdentifier: finalSnapshot,
              }),
              { abortSignal },
            ),
          ),
        );
        return finalSnapshot ?? null;
      },
    );
    await this.#waitFor(id, 'gone', ctx, about);
    if (aurora) await this.#waitForClusterGone(id, ctx, about);
    log.info('Deleted RDS database', {
      finalSnapshot: snapshotName ?? 'none',
    });
  }

  async observe(request: ManagedDatabaseRequest): Promise<ObservedService> {
    const { id, instance } = await this.#locate(request, {
      signal: new AbortController().signal,
      logger: quietLogger,
    });
    const name = request.service.name;
    if (!instance) {
      return {
        name,
        phase: 'pending',
        message: `RDS instance ${id} does not exist yet`,
        urls: [],
      };
    }
    const status = instance.DBInstanceStatus ?? 'unknown';
    const phase = phaseOf(status);
    const failure = failureOf(status, id);
    return {
      name,
      phase,
      message: failure ?? `RDS instance ${id} is ${status}`,
      urls: [],
    };
  }

  async listManaged(): Promise<ManagedEnvironmentRef[]> {
    const instances = await this.#listInstances();
    const target = this.#target();
    const refs = new Map<string, ManagedEnvironmentRef>();
    for (const instance of instances) {
      if (!instance.environmentName) continue;
      const key = `${instance.environmentName}/${instance.environmentId ?? ''}`;
      refs.set(key, {
        environmentName: instance.environmentName,
        ...(instance.environmentId
          ? { environmentId: instance.environmentId }
          : {}),
        target,
      });
    }
    return [...refs.values()];
  }

  /**
   * Deletes, each with a final snapshot, the databases of an environment that
   * no longer exists. They are listed again by tag (all pages or an error) and
   * only those carrying exactly the orphan's name and id go, through
   * `destroy`, which checks their ownership once more just before deleting.
   */
  async destroyOrphan(
    ref: ManagedEnvironmentRef,
    ctx: OrphanContext,
  ): Promise<void> {
    const target = this.#target();
    if (ref.target && ref.target !== target) {
      throw new RuntimeError(
        `Orphaned environment ${ref.environmentName} was found in ${ref.target}, but this provider manages ${target}; delete its databases by hand`,
        { transient: false, code: 'UnknownTarget' },
      );
    }
    if (!ref.environmentName) return;
    const instances = (await this.#listInstances(ctx.signal)).filter(
      instance =>
        instance.environmentName === ref.environmentName &&
        (instance.environmentId ?? '') === (ref.environmentId ?? ''),
    );
    const aurora = this.#config.engineMode === 'aurora';
    // One entry per database: an Aurora cluster with several instances is
    // deleted once.
    const databases = new Map<
      string,
      { serviceName: string; instances: ManagedInstance[] }
    >();
    const skipped: string[] = [];
    for (const instance of instances) {
      // Named now (with the hash) or as the first releases named it.
      const names = [
        toDbInstanceIdentifier({
          installationId: this.#installationId,
          environmentId: ref.environmentId ?? '',
          environmentName: ref.environmentName,
          serviceName: instance.serviceName,
        }),
        legacyDbInstanceIdentifier(ref.environmentName, instance.serviceName),
      ];
      const home = aurora ? instance.clusterIdentifier : instance.identifier;
      const id = home && names.includes(home) ? home : names[0];
      if (
        !instance.serviceName ||
        home !== id ||
        (!aurora && instance.clusterIdentifier)
      ) {
        // Not something Greenroom would have created under these tags (or
        // the engine mode changed since): leave it to a human.
        ctx.logger.warn(
          `Not deleting RDS instance ${
            instance.identifier
          } of orphaned environment ${
            ref.environmentName
          }: its name, service tag or engine mode does not match the ${
            aurora ? 'Aurora cluster' : 'instance'
          } ${id} Greenroom would have created; delete it by hand`,
        );
        skipped.push(instance.identifier);
        continue;
      }
      const database = databases.get(id) ?? {
        serviceName: instance.serviceName,
        instances: [],
      };
      database.instances.push(instance);
      databases.set(id, database);
    }
    if (databases.size === 0 && skipped.length === 0) {
      ctx.logger.debug('No RDS database of the orphaned environment is left', {
        environment: ref.environmentName,
      });
      return;
    }

    const results = await Promise.allSettled(
      [...databases].map(([id, database]) =>
        this.#destroyOrphanDatabase(ref, id, database, ctx),
      ),
    );
    const failures = results.flatMap(result =>
      result.status === 'rejected' ? [result.reason as Error] : [],
    );
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) {
      throw new RuntimeError(
        `Could not delete ${
          failures.length
        } RDS databases of orphaned environment ${
          ref.environmentName
        }: ${failures.map(failure => failure.message).join('; ')}`,
        {
          transient: failures.some(failure => isTransientError(failure)),
          code: (failures[0] as RuntimeError).code,
          cause: failures[0],
        },
      );
    }
    if (skipped.length > 0) {
      throw new RuntimeError(
        `Left RDS instances ${skipped.join(', ')} of orphaned environment ${
          ref.environmentName
        } in place: they do not look like Greenroom's databases; delete them by hand`,
        { transient: false, code: 'NotOwned' },
      );
    }
  }

  // --- creating ---------------------------------------------------------

  async #createInstance(
    request: ManagedDatabaseRequest,
    spec: DatabaseSpec,
    ctx: Ctx,
  ) {
    await this.#call(ctx, this.#about(request, spec), abortSignal =>
      this.#client.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: spec.id,
          Engine: spec.engine,
          EngineVersion: spec.engineVersion,
          DBInstanceClass: spec.instanceClass,
          AllocatedStorage: spec.storageGb,
          MasterUsername: spec.username,
          MasterUserPassword: request.password,
          DBName: spec.dbName,
          Tags: spec.tags,
          DeletionProtection: spec.production,
          BackupRetentionPeriod: spec.backupRetentionDays,
          StorageEncrypted: true,
          PubliclyAccessible: false,
          CopyTagsToSnapshot: true,
          ...this.#network(),
        }),
        { abortSignal },
      ),
    );
    ctx.logger.info('Creating RDS instance', {
      engine: spec.engine,
      instanceClass: spec.instanceClass,
    });
  }

  async #createAurora(
    request: ManagedDatabaseRequest,
    spec: DatabaseSpec,
    ctx: Ctx,
  ) {
    const about = this.#about(request, spec);
    await this.#ignoreExists(
      this.#call(ctx, about, abortSignal =>
        this.#client.send(
          new CreateDBClusterCommand({
            DBClusterIdentifier: spec.id,
            Engine: spec.engine,
            EngineVersion: spec.engineVersion,
            MasterUsername: spec.username,
            MasterUserPassword: request.password,
            DatabaseName: spec.dbName,
            Tags: spec.tags,
            DeletionProtection: spec.production,
            BackupRetentionPeriod: spec.backupRetentionDays,
            StorageEncrypted: true,
            CopyTagsToSnapshot: true,
            DBSubnetGroupName: this.#config.subnetGroupName,
            VpcSecurityGroupIds: this.#config.securityGroupIds,
          }),
          { abortSignal },
        ),
      ),
      ctx.logger,
      spec.id,
    );
    await this.#createClusterInstance(spec, ctx, about);
    ctx.logger.info('Creating Aurora cluster', {
      engine: spec.engine,
      instanceClass: spec.instanceClass,
    });
  }

  /** The one instance of an Aurora cluster, named like the cluster. */
  async #createClusterInstance(
    spec: DatabaseSpec,
    ctx: Ctx,
    about: RdsErrorContext,
  ) {
    await this.#ignoreExists(
      this.#call(ctx, about, abortSignal =>
        this.#client.send(
          new CreateDBInstanceCommand({
            DBInstanceIdentifier: spec.id,
            DBClusterIdentifier: spec.id,
            Engine: spec.engine,
            DBInstanceClass: spec.instanceClass,
            Tags: spec.tags,
            PubliclyAccessible: false,
          }),
          { abortSignal },
        ),
      ),
      ctx.logger,
      spec.id,
    );
  }

  // --- cloning ----------------------------------------------------------

  /**
   * The clone's source database: named now or as the first releases did, and
   * then only when its tags say it is that service's of that environment.
   * When there is none, the name it would have (AWS then says not found).
   */
  async #locateSource(
    request: ManagedDatabaseRequest,
    ctx: Ctx,
    about: RdsErrorContext,
  ): Promise<string> {
    const source = request.dataSource!;
    const owner: ManagedDatabaseRequest = {
      ...request,
      environment: { ...request.environment, ...source.environment },
      service: { ...request.service, name: source.serviceName },
      dataSource: undefined,
    };
    const names = this.#names(owner);
    const found =
      this.#config.engineMode === 'aurora'
        ? await this.#describeClustersNamed(names, ctx, about)
        : await this.#describeNamed(names, ctx, about);
    const match = names
      .map(name => found.find(r => r.identifier === name))
      .find(r => r && !this.#ownershipProblem(r.resource, owner));
    return match?.identifier ?? names[0];
  }

  #sourceId(spec: DatabaseSpec): string {
    return spec.sourceId!;
  }

  /** Says which source is missing instead of AWS's bare "not found". */
  #sourceMissing(
    request: ManagedDatabaseRequest,
    spec: DatabaseSpec,
    error: unknown,
  ): never {
    const code = (error as RuntimeError).code;
    if (code === 'DBInstanceNotFound' || code === 'DBClusterNotFound') {
      const source = request.dataSource!;
      throw new RuntimeError(
        `Cannot clone the data of service ${source.serviceName} of environment ${source.environment.name}: its RDS database ${spec.sourceId} was not found; clone with dataPolicy empty instead`,
        { transient: false, code, cause: error },
      );
    }
    throw error;
  }

  async #snapshotSource(
    request: ManagedDatabaseRequest,
    spec: DatabaseSpec,
    ctx: Ctx,
  ): Promise<string> {
    const snapshotId = `${spec.id}-src-${identifierTimestamp(this.#now())}`;
    await this.#call(ctx, this.#about(request, spec), abortSignal =>
      this.#client.send(
        new CreateDBSnapshotCommand({
          DBSnapshotIdentifier: snapshotId,
          DBInstanceIdentifier: this.#sourceId(spec),
          Tags: spec.tags,
        }),
        { abortSignal },
      ),
    ).catch(error => this.#sourceMissing(request, spec, error));
    ctx.logger.info('Taking a snapshot of the source database', {
      source: this.#sourceId(spec),
      snapshot: snapshotId,
    });
    return snapshotId;
  }

  async #restoreFromSnapshot(
    spec: DatabaseSpec,
    snapshotId: string,
    ctx: Ctx,
    about: RdsErrorContext,
  ) {
    await this.#call(ctx, about, abortSignal =>
      this.#client.send(
        new RestoreDBInstanceFromDBSnapshotCommand({
          DBInstanceIdentifier: spec.id,
          DBSnapshotIdentifier: snapshotId,
          DBInstanceClass: spec.instanceClass,
          Tags: spec.tags,
          DeletionProtection: spec.production,
          BackupRetentionPeriod: spec.backupRetentionDays,
          PubliclyAccessible: false,
          CopyTagsToSnapshot: true,
          ...this.#network(),
        }),
        { abortSignal },
      ),
    );
  }

  async #restoreToPointInTime(
    request: ManagedDatabaseRequest,
    spec: DatabaseSpec,
    restoreTime: string,
    ctx: Ctx,
  ) {
    const time = this.#parseRestoreTime(restoreTime);
    await this.#call(ctx, this.#about(request, spec), abortSignal =>
      this.#client.send(
        new RestoreDBInstanceToPointInTimeCommand({
          SourceDBInstanceIdentifier: this.#sourceId(spec),
          TargetDBInstanceIdentifier: spec.id,
          RestoreTime: time,
          DBInstanceClass: spec.instanceClass,
          Tags: spec.tags,
          DeletionProtection: spec.production,
          BackupRetentionPeriod: spec.backupRetentionDays,
          PubliclyAccessible: false,
          CopyTagsToSnapshot: true,
          ...this.#network(),
        }),
        { abortSignal },
      ),
    ).catch(error => this.#sourceMissing(request, spec, error));
  }

  /**
   * An Aurora clone: copy-on-write shares the source's storage pages until
   * they change, so it is fast and cheap. AWS allows copy-on-write only at the
   * latest restorable time; an explicit restore time needs a full copy.
   */
  async #restoreAurora(
    request: ManagedDatabaseRequest,
    spec: DatabaseSpec,
    ctx: Ctx,
  ) {
    const restoreTime = request.dataSource!.restoreTime;
    const about = this.#about(request, spec);
    await this.#ignoreExists(
      this.#call(ctx, about, abortSignal =>
        this.#client.send(
          new RestoreDBClusterToPointInTimeCommand({
            DBClusterIdentifier: spec.id,
            SourceDBClusterIdentifier: this.#sourceId(spec),
            ...(restoreTime
              ? {
                  RestoreType: 'full-copy',
                  RestoreToTime: this.#parseRestoreTime(restoreTime),
                }
              : {
                  RestoreType: 'copy-on-write',
                  UseLatestRestorableTime: true,
                }),
            Tags: spec.tags,
            DeletionProtection: spec.production,
            BackupRetentionPeriod: spec.backupRetentionDays,
            CopyTagsToSnapshot: true,
            DBSubnetGroupName: this.#config.subnetGroupName,
            VpcSecurityGroupIds: this.#config.securityGroupIds,
          }),
          { abortSignal },
        ),
      ).catch(error => this.#sourceMissing(request, spec, error)),
      ctx.logger,
      spec.id,
    );
    await this.#createClusterInstance(spec, ctx, about);
    ctx.logger.info('Cloning Aurora cluster', {
      source: this.#sourceId(spec),
      restoreType: restoreTime ? 'full-copy' : 'copy-on-write',
    });
  }

  #parseRestoreTime(restoreTime: string): Date {
    const time = new Date(restoreTime);
    if (Number.isNaN(time.getTime())) {
      throw new RuntimeError(
        `The restore time "${restoreTime}" is not a date; give an ISO 8601 time such as 2026-11-23T12:00:00Z`,
        { transient: false, code: 'InvalidRestoreTime' },
      );
    }
    return time;
  }

  async #resetPassword(
    request: ManagedDatabaseRequest,
    spec: DatabaseSpec,
    ctx: Ctx,
  ) {
    const about = this.#about(request, spec);
    await this.#call(ctx, about, abortSignal =>
      spec.aurora
        ? this.#client.send(
            new ModifyDBClusterCommand({
              DBClusterIdentifier: spec.id,
              MasterUserPassword: request.password,
              ApplyImmediately: true,
            }),
            { abortSignal },
          )
        : this.#client.send(
            new ModifyDBInstanceCommand({
              DBInstanceIdentifier: spec.id,
              MasterUserPassword: request.password,
              ApplyImmediately: true,
            }),
            { abortSignal },
          ),
    );
    ctx.logger.info('Set the clone its own master password');
  }

  async #waitForSnapshot(snapshotId: string, ctx: Ctx, about: RdsErrorContext) {
    let missing = 0;
    await pollUntil({
      read: async () => {
        try {
          const out = await this.#call(ctx, about, abortSignal =>
            this.#client.send(
              new DescribeDBSnapshotsCommand({
                DBSnapshotIdentifier: snapshotId,
              }),
              { abortSignal },
            ),
          );
          missing = 0;
          return out.DBSnapshots?.[0]?.Status ?? 'unknown';
        } catch (error) {
          if ((error as RuntimeError).code !== 'DBSnapshotNotFound') {
            throw error;
          }
          missing += 1;
          return 'not-found';
        }
      },
      isDone: status => status === 'available',
      check: status => {
        if (status === 'failed' || status === 'error') {
          throw new RuntimeError(
            `The snapshot ${snapshotId} of the source database failed; run the clone again, or clone with dataPolicy empty`,
            { transient: false, code: 'SnapshotFailed' },
          );
        }
        if (missing >= NOT_FOUND_TOLERANCE) {
          throw new RuntimeError(
            `The snapshot ${snapshotId} of the source database disappeared; run the clone again`,
            { transient: false, code: 'DBSnapshotNotFound' },
          );
        }
      },
      describe: status => status,
      what: `snapshot ${snapshotId} to become available`,
      intervalMs: this.#config.pollIntervalMs,
      timeoutMs: this.#config.availableTimeoutMs,
      signal: ctx.signal,
      logger: ctx.logger,
    });
  }

  /** The clone's source snapshot costs money once the clone exists. */
  async #deleteSourceSnapshot(snapshotId: string, ctx: Ctx) {
    try {
      await this.#ignoreNotFound(
        this.#call(ctx, { region: this.#config.region }, abortSignal =>
          this.#client.send(
            new DeleteDBSnapshotCommand({ DBSnapshotIdentifier: snapshotId }),
            { abortSignal },
          ),
        ),
      );
    } catch (error) {
      ctx.logger.warn(
        `Could not delete the clone's source snapshot ${snapshotId}; delete it by hand`,
        error as Error,
      );
    }
  }

  // --- converging -------------------------------------------------------

  async #converge(
    instance: DBInstance,
    spec: DatabaseSpec,
    request: ManagedDatabaseRequest,
    ctx: Ctx,
  ) {
    const about = this.#about(request, spec);
    if (instance.Engine && instance.Engine !== spec.engine) {
      throw new RuntimeError(
        `RDS instance ${spec.id} runs ${instance.Engine}, but service ${request.service.name} asks for ${spec.engine}; an engine cannot change in place: destroy the database service and add it again`,
        { transient: false, code: 'EngineMismatch' },
      );
    }
    await this.#startIfStopped(instance, spec, ctx, about);

    const pending = instance.PendingModifiedValues;
    const changes: { DBInstanceClass?: string; AllocatedStorage?: number } = {};
    const currentClass = pending?.DBInstanceClass ?? instance.DBInstanceClass;
    if (currentClass !== spec.instanceClass) {
      changes.DBInstanceClass = spec.instanceClass;
    }
    const currentStorage =
      pending?.AllocatedStorage ?? instance.AllocatedStorage ?? 0;
    if (!spec.aurora && spec.storageExplicit) {
      if (spec.storageGb > currentStorage) {
        changes.AllocatedStorage = spec.storageGb;
      } else if (spec.storageGb < currentStorage) {
        ctx.logger.warn(
          `RDS cannot shrink storage; keeping ${currentStorage} GB rather than ${spec.storageGb} GB`,
        );
      }
    }
    if (Object.keys(changes).length === 0) return;
    // Production changes wait for the maintenance window; others apply now.
    const applyImmediately = !spec.production;
    await this.#call(ctx, about, abortSignal =>
      this.#client.send(
        new ModifyDBInstanceCommand({
          DBInstanceIdentifier: spec.id,
          ...changes,
          ApplyImmediately: applyImmediately,
        }),
        { abortSignal },
      ),
    );
    ctx.logger.info('Modifying RDS instance', {
      ...changes,
      applyImmediately,
    });
  }

  async #startIfStopped(
    instance: DBInstance,
    spec: DatabaseSpec,
    ctx: Ctx,
    about: RdsErrorContext,
  ) {
    let status = instance.DBInstanceStatus;
    if (status === 'stopping') {
      status = (await this.#waitFor(spec.id, 'stopped', ctx, about))
        ?.DBInstanceStatus;
    }
    if (status !== 'stopped') return;
    await this.#call(ctx, about, abortSignal =>
      spec.aurora
        ? this.#client.send(
            new StartDBClusterCommand({ DBClusterIdentifier: spec.id }),
            { abortSignal },
          )
        : this.#client.send(
            new StartDBInstanceCommand({ DBInstanceIdentifier: spec.id }),
            { abortSignal },
          ),
    );
    ctx.logger.info('Starting RDS database');
    await this.#waitFor(spec.id, 'available', ctx, about);
  }

  // --- deleting ---------------------------------------------------------

  /**
   * One database of an orphaned environment, through `destroy` with a final
   * snapshot. The request carries what `destroy` needs: the name and id that
   * decide ownership, and no real password (nothing here sends one).
   */
  async #destroyOrphanDatabase(
    ref: ManagedEnvironmentRef,
    id: string,
    database: { serviceName: string; instances: ManagedInstance[] },
    ctx: OrphanContext,
  ) {
    const request: ManagedDatabaseRequest = {
      environment: {
        id: ref.environmentId ?? '',
        name: ref.environmentName,
        mode: 'development',
        owner: '',
        system: '',
      },
      service: {
        name: database.serviceName,
        kind: 'database',
        database: { mode: 'managed' },
      } as Service,
      password: NO_PASSWORD,
    };
    const about = this.#about(request);
    const log = this.#logger(ctx, request);
    log.info('Deleting RDS database of an orphaned environment', {
      environment: ref.environmentName,
      environmentId: ref.environmentId ?? 'none',
    });
    // Further instances of an Aurora cluster (readers) must go before the
    // cluster can; the cluster's final snapshot keeps the data.
    const readers = database.instances.filter(
      instance => instance.identifier !== id,
    );
    await Promise.all(
      readers.map(async reader => {
        log.info('Deleting Aurora cluster instance', {
          instance: reader.identifier,
        });
        await this.#deleteClusterInstance(
          reader.identifier,
          reader.status === 'deleting',
          ctx,
          { ...about, identifier: reader.identifier },
        );
      }),
    );
    await this.destroy(request, {
      signal: ctx.signal,
      logger: ctx.logger,
      // Orphan collection runs again from the listing; nothing to resume.
      checkpoint: (_key, fn) => fn(),
      finalSnapshot: true,
    });
  }

  /**
   * An Aurora cluster goes in two steps: its instance, then the cluster (which
   * holds the data, so the final snapshot is taken there).
   */
  /**
   * An instance of an Aurora cluster goes without a snapshot of its own (the
   * cluster holds the data); waits until it is gone.
   */
  async #deleteClusterInstance(
    id: string,
    alreadyDeleting: boolean,
    ctx: Ctx,
    about: RdsErrorContext,
  ) {
    if (!alreadyDeleting) {
      await this.#ignoreNotFound(
        this.#call(ctx, about, abortSignal =>
          this.#client.send(
            new DeleteDBInstanceCommand({ DBInstanceIdentifier: id }),
            { abortSignal },
          ),
        ),
      );
    }
    await this.#waitFor(id, 'gone', ctx, about);
  }

  async #deleteAurora(
    id: string,
    finalSnapshot: string | undefined,
    ctx: Ctx,
    about: RdsErrorContext,
  ): Promise<string | null> {
    await this.#deleteClusterInstance(id, false, ctx, about);
    const cluster = await this.#describeCluster(id, ctx, about);
    if (!cluster || cluster.Status === 'deleting') return null;
    if (cluster.DeletionProtection) {
      await this.#call(ctx, about, abortSignal =>
        this.#client.send(
          new ModifyDBClusterCommand({
            DBClusterIdentifier: id,
            DeletionProtection: false,
            ApplyImmediately: true,
          }),
          { abortSignal },
        ),
      );
    }
    await this.#ignoreNotFound(
      this.#call(ctx, about, abortSignal =>
        this.#client.send(
          new DeleteDBClusterCommand({
            DBClusterIdentifier: id,
            SkipFinalSnapshot: !finalSnapshot,
            FinalDBSnapshotIdentifier: finalSnapshot,
          }),
          { abortSignal },
        ),
      ),
    );
    return finalSnapshot ?? null;
  }

  async #waitForClusterGone(id: string, ctx: Ctx, about: RdsErrorContext) {
    await pollUntil({
      read: () => this.#describeCluster(id, ctx, about),
      isDone: cluster => cluster === undefined,
      describe: cluster => cluster?.Status ?? 'gone',
      what: `Aurora cluster ${id} to be deleted`,
      intervalMs: this.#config.pollIntervalMs,
      timeoutMs: this.#config.availableTimeoutMs,
      signal: ctx.signal,
      logger: ctx.logger,
    });
  }

  // --- reading ----------------------------------------------------------

  async #describe(
    id: string,
    ctx: Ctx,
    about: RdsErrorContext,
  ): Promise<DBInstance | undefined> {
    const out = await this.#unlessNotFound('DBInstanceNotFound', () =>
      this.#call(ctx, about, abortSignal =>
        this.#client.send(
          new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }),
          { abortSignal },
        ),
      ),
    );
    return out?.DBInstances?.[0];
  }

  async #describeCluster(
    id: string,
    ctx: Ctx,
    about: RdsErrorContext,
  ): Promise<DBCluster | undefined> {
    const out = await this.#unlessNotFound('DBClusterNotFound', () =>
      this.#call(ctx, about, abortSignal =>
        this.#client.send(
          new DescribeDBClustersCommand({ DBClusterIdentifier: id }),
          { abortSignal },
        ),
      ),
    );
    return out?.DBClusters?.[0];
  }

  /** The call's answer, or undefined when AWS says the resource does not exist. */
  async #unlessNotFound<T>(
    notFoundCode: string,
    call: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      if ((error as RuntimeError).code === notFoundCode) return undefined;
      throw error;
    }
  }

  /**
   * Polls until the instance is `available`, `stopped` or gone. Failed states
   * end the wait with a permanent error that says what to do.
   */
  async #waitFor(
    id: string,
    target: 'available' | 'stopped' | 'gone',
    ctx: Ctx,
    about: RdsErrorContext,
    settled: (instance: DBInstance) => boolean = () => true,
  ): Promise<DBInstance | undefined> {
    let missing = 0;
    return pollUntil<DBInstance | undefined>({
      read: async () => {
        const instance = await this.#describe(id, ctx, about);
        missing = instance ? 0 : missing + 1;
        return instance;
      },
      isDone: instance =>
        target === 'gone'
          ? instance === undefined
          : instance?.DBInstanceStatus === target && settled(instance),
      check: instance => {
        if (target === 'gone') return;
        if (!instance && missing >= NOT_FOUND_TOLERANCE) {
          throw new RuntimeError(
            `RDS instance ${id} disappeared while Greenroom waited for it to become ${target}; it may have been deleted outside Greenroom, or its creation failed (see its events in the AWS console)`,
            { transient: false, code: 'DBInstanceNotFound' },
          );
        }
        const failure =
          instance && failureOf(instance.DBInstanceStatus ?? '', id);
        if (failure) {
          throw new RuntimeError(failure, {
            transient: false,
            code: instance.DBInstanceStatus,
          });
        }
      },
      describe: instance => instance?.DBInstanceStatus ?? 'not found',
      what: `RDS instance ${id} to ${
        target === 'gone' ? 'be deleted' : `become ${target}`
      }`,
      intervalMs: this.#config.pollIntervalMs,
      timeoutMs: this.#config.availableTimeoutMs,
      signal: ctx.signal,
      logger: ctx.logger,
    });
  }

  async #endpoint(
    instance: DBInstance | undefined,
    spec: DatabaseSpec,
    ctx: Ctx,
    about: RdsErrorContext,
  ): Promise<ManagedDatabaseEndpoint> {
    // Aurora's cluster (writer) endpoint survives a failover; the instance's does not.
    const cluster = spec.aurora
      ? await this.#describeCluster(spec.id, ctx, about)
      : undefined;
    const host = spec.aurora ? cluster?.Endpoint : instance?.Endpoint?.Address;
    const port = spec.aurora ? cluster?.Port : instance?.Endpoint?.Port;
    if (!host || !port) {
      throw new RuntimeError(
        `RDS database ${spec.id} is available but has no endpoint yet; retrying`,
        { transient: true, code: 'NoEndpoint' },
      );
    }
    return {
      host,
      port,
      username:
        cluster?.MasterUsername ?? instance?.MasterUsername ?? spec.username,
      database: cluster?.DatabaseName ?? instance?.DBName ?? spec.dbName,
    };
  }

  // --- helpers ----------------------------------------------------------

  #target(): string {
    return `aws-rds:${this.#config.region}`;
  }

  /** Greenroom's instances, all pages or an error (retried as a whole). */
  async #listInstances(signal?: AbortSignal): Promise<ManagedInstance[]> {
    const about = { region: this.#config.region };
    return retryWithBackoff(
      () =>
        listManagedInstances(this.#client, this.#installationId).catch(
          error => {
            throw toRuntimeError(error, about);
          },
        ),
      { ...this.#retry, ...(signal ? { signal } : {}) },
    );
  }

  #identity(request: ManagedDatabaseRequest) {
    return {
      id: toDbInstanceIdentifier({
        installationId: this.#installationId,
        environmentId: request.environment.id,
        environmentName: request.environment.name,
        serviceName: request.service.name,
      }),
      aurora: this.#config.engineMode === 'aurora',
    };
  }

  /** The identifier a database gets now, then the one the first releases gave it. */
  #names(request: ManagedDatabaseRequest): string[] {
    const { id } = this.#identity(request);
    const legacy = legacyDbInstanceIdentifier(
      request.environment.name,
      request.service.name,
    );
    return legacy === id ? [id] : [id, legacy];
  }

  /**
   * Finds the service's instance, by name in one call: the identifier it
   * gets now, else one named as the first releases did, which is taken only
   * when its tags say it is this very database (another service could have
   * had that name). Not found: the identifier a new one gets.
   */
  async #locate(
    request: ManagedDatabaseRequest,
    ctx: Ctx,
  ): Promise<{ id: string; instance?: DBInstance }> {
    const names = this.#names(request);
    const found = await this.#describeNamed(names, ctx, this.#about(request));
    const current = found.find(r => r.identifier === names[0]);
    if (current) return { id: names[0], instance: current.resource };
    const legacy = found.find(
      r =>
        r.identifier === names[1] &&
        !this.#ownershipProblem(r.resource, request),
    );
    if (legacy) return { id: names[1], instance: legacy.resource };
    return { id: names[0] };
  }

  /** Instances with these identifiers (a filter: none found is an empty list). */
  async #describeNamed(
    names: string[],
    ctx: Ctx,
    about: RdsErrorContext,
  ): Promise<Array<{ identifier: string; resource: DBInstance }>> {
    const out = await this.#unlessNotFound('DBInstanceNotFound', () =>
      this.#call(ctx, about, abortSignal =>
        this.#client.send(
          new DescribeDBInstancesCommand({
            Filters: [{ Name: 'db-instance-id', Values: names }],
          }),
          { abortSignal },
        ),
      ),
    );
    return (out?.DBInstances ?? []).map(resource => ({
      identifier: resource.DBInstanceIdentifier ?? '',
      resource,
    }));
  }

  async #describeClustersNamed(
    names: string[],
    ctx: Ctx,
    about: RdsErrorContext,
  ): Promise<Array<{ identifier: string; resource: DBCluster }>> {
    const out = await this.#unlessNotFound('DBClusterNotFound', () =>
      this.#call(ctx, about, abortSignal =>
        this.#client.send(
          new DescribeDBClustersCommand({
            Filters: [{ Name: 'db-cluster-id', Values: names }],
          }),
          { abortSignal },
        ),
      ),
    );
    return (out?.DBClusters ?? []).map(resource => ({
      identifier: resource.DBClusterIdentifier ?? '',
      resource,
    }));
  }

  #spec(
    request: ManagedDatabaseRequest,
    id = this.#identity(request).id,
  ): DatabaseSpec {
    const { aurora } = this.#identity(request);
    const database = request.service.database;
    const production = request.environment.mode === 'production';
    return {
      id,
      aurora,
      engine: rdsEngineFor(request.service, this.#config.engineMode),
      engineVersion: database!.version,
      instanceClass:
        database?.instanceClass ?? this.#config.defaultInstanceClass,
      storageGb: database?.storageGb ?? DEFAULT_STORAGE_GB,
      storageExplicit: database?.storageGb !== undefined,
      username: masterUsernameFor(request.service.name),
      dbName: databaseNameFor(request.service.name),
      production,
      backupRetentionDays: production
        ? BACKUP_RETENTION_DAYS.production
        : BACKUP_RETENTION_DAYS.other,
      tags: greenroomTags(
        request.environment.name,
        request.service.name,
        this.#config.tags,
        {
          installationId: this.#installationId,
          environmentId: request.environment.id,
          owner: request.environment.owner,
          mode: request.environment.mode,
        },
      ),
    };
  }

  #about(
    request: ManagedDatabaseRequest,
    spec?: DatabaseSpec,
  ): RdsErrorContext {
    return {
      region: this.#config.region,
      identifier: spec?.id ?? this.#identity(request).id,
      instanceClass: spec?.instanceClass,
      secrets: [request.password],
    };
  }

  #logger(
    ctx: Ctx,
    request: ManagedDatabaseRequest,
    id = this.#identity(request).id,
  ): LoggerService {
    return ctx.logger.child({
      service: request.service.name,
      dbInstance: id,
      region: this.#config.region,
    });
  }

  #network() {
    return {
      DBSubnetGroupName: this.#config.subnetGroupName,
      VpcSecurityGroupIds: this.#config.securityGroupIds,
    };
  }

  /**
   * Why the resource is not this database, or undefined when it is: made by
   * Greenroom, by this installation (or before installation tags), for this
   * environment (name and id: not an earlier one of the same name) and this
   * service.
   */
  #ownershipProblem(
    resource: Pick<DBInstance, 'TagList'>,
    request: Pick<ManagedDatabaseRequest, 'environment' | 'service'>,
  ): string | undefined {
    if (tagValue(resource, MANAGED_BY_TAG) !== 'greenroom') {
      return 'it was not created by Greenroom';
    }
    const installation = tagValue(resource, INSTALLATION_TAG);
    if (installation !== undefined && installation !== this.#installationId) {
      return `it belongs to another Greenroom installation (${INSTALLATION_TAG}=${installation})`;
    }
    const name = tagValue(resource, ENVIRONMENT_TAG);
    const environmentId = tagValue(resource, ENVIRONMENT_ID_TAG);
    if (name !== request.environment.name) {
      return `it belongs to environment ${name ?? '(none)'}, not ${
        request.environment.name
      }`;
    }
    // '' for an orphan known by name only (instances tagged without an id).
    if ((environmentId ?? '') !== (request.environment.id ?? '')) {
      return `it belongs to an earlier environment named ${name} (id ${
        environmentId ?? 'unknown'
      })`;
    }
    const service = tagValue(resource, SERVICE_TAG);
    if (service !== request.service.name) {
      return `it belongs to service ${service ?? '(none)'}, not ${
        request.service.name
      }`;
    }
    return undefined;
  }

  #assertOwned(
    instance: DBInstance,
    request: ManagedDatabaseRequest,
    spec: DatabaseSpec,
  ) {
    const problem = this.#ownershipProblem(instance, request);
    if (!problem) return;
    throw new RuntimeError(
      tagValue(instance, MANAGED_BY_TAG) !== 'greenroom'
        ? `An RDS instance named ${spec.id} exists but was not created by Greenroom; rename the service or environment, or remove that instance`
        : `RDS instance ${spec.id} is not this database: ${problem}; Greenroom will not use or change it. Delete it, or wait for orphan collection`,
      { transient: false, code: 'NotOwned' },
    );
  }

  /**
   * An instance from before installation tags, now known to be this
   * database (same environment id): tag it, and its Aurora cluster, so
   * listings and orphan collection see it.
   */
  async #adopt(
    instance: DBInstance,
    spec: DatabaseSpec,
    ctx: Ctx,
    about: RdsErrorContext,
  ) {
    if (tagValue(instance, INSTALLATION_TAG) !== undefined) return;
    const tags = [{ Key: INSTALLATION_TAG, Value: this.#installationId }];
    const arns = [instance.DBInstanceArn];
    if (spec.aurora) {
      arns.push(
        (await this.#describeCluster(spec.id, ctx, about))?.DBClusterArn,
      );
    }
    for (const arn of arns) {
      if (!arn) continue;
      await this.#call(ctx, about, abortSignal =>
        this.#client.send(
          new AddTagsToResourceCommand({ ResourceName: arn, Tags: tags }),
          { abortSignal },
        ),
      );
    }
    ctx.logger.info(
      'Adopted an RDS database from before installation tags: tagged it with this installation',
      { installation: this.#installationId },
    );
  }

  #retryOptions(ctx: Ctx): RetryOptions {
    return {
      ...this.#retry,
      signal: ctx.signal,
      onRetry: (error, attempt, delayMs) =>
        ctx.logger.warn(`Retrying AWS RDS call: ${(error as Error).message}`, {
          attempt,
          delayMs,
        }),
    };
  }

  /**
   * One AWS call: failures become RuntimeErrors (code kept) and transient
   * ones (throttling, 5xx, capacity, busy instance) are retried with backoff.
   */
  async #call<T>(
    ctx: Ctx,
    about: RdsErrorContext,
    send: (abortSignal: AbortSignal) => Promise<T>,
    options: { retries?: number } = {},
  ): Promise<T> {
    return retryWithBackoff(
      async () => {
        try {
          return await send(ctx.signal);
        } catch (error) {
          throw toRuntimeError(error, about);
        }
      },
      {
        ...this.#retryOptions(ctx),
        ...(options.retries !== undefined ? { retries: options.retries } : {}),
      },
    );
  }

  /** Creating what exists already is success: names are stable, so it is ours from an earlier attempt. */
  async #ignoreExists(work: Promise<unknown>, log: LoggerService, id: string) {
    try {
      await work;
    } catch (error) {
      const code = (error as RuntimeError).code;
      if (
        code !== 'DBInstanceAlreadyExists' &&
        code !== 'DBClusterAlreadyExists'
      ) {
        throw error;
      }
      log.info('RDS database already exists; continuing with it', { id });
    }
  }

  async #ignoreNotFound(work: Promise<unknown>) {
    try {
      await work;
    } catch (error) {
      const code = (error as RuntimeError).code;
      if (
        code !== 'DBInstanceNotFound' &&
        code !== 'DBClusterNotFound' &&
        code !== 'DBSnapshotNotFound'
      ) {
        throw error;
      }
    }
  }
}
