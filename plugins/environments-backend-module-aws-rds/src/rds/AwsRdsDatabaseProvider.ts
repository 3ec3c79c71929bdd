import type { RDSClient } from '@aws-sdk/client-rds';
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
  retryWithBackoff,
} from '@greenroom/plugin-environments-node';
import { AuroraClusters } from './auroraClusters';
import type { AwsRdsConfig } from './config';
import {
  RdsScope,
  databaseIdOf,
  databaseLogger,
  databaseSpecOf,
  errorContextOf,
  isAurora,
} from './databaseSpec';
import { rdsEngineFor } from './engines';
import { ignoreExists } from './errors';
import { RdsInstances } from './instances';
import { identifierTimestamp } from './naming';
import { RdsOrphans } from './orphans';
import { assertOwned, ownershipProblem } from './ownership';
import { RdsApi } from './rdsApi';
import { SnapshotsAndRestores } from './snapshotsAndRestores';
import { provisionedOf } from './provisioned';
import { failureOf, phaseOf } from './status';

export { DEFAULT_STORAGE_GB } from './databaseSpec';

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
 * The provider says what happens in which order; instances, Aurora
 * clusters, snapshots and restores, and orphans each have their own file.
 *
 * @public
 */
export class AwsRdsDatabaseProvider implements ManagedDatabaseProvider {
  readonly type = 'aws-rds';
  readonly #scope: RdsScope;
  readonly #api: RdsApi;
  readonly #instances: RdsInstances;
  readonly #aurora: AuroraClusters;
  readonly #restores: SnapshotsAndRestores;
  readonly #orphans: RdsOrphans;
  readonly #now: () => Date;

  constructor(options: AwsRdsDatabaseProviderOptions) {
    this.#scope = {
      config: options.config,
      installationId: options.installationId,
    };
    this.#now = options.now ?? (() => new Date());
    this.#api = new RdsApi(
      options.client,
      options.config,
      options.retry ?? { retries: 6, baseDelayMs: 1000, maxDelayMs: 60_000 },
    );
    this.#instances = new RdsInstances(this.#api, this.#scope);
    this.#aurora = new AuroraClusters(this.#api, this.#scope);
    this.#restores = new SnapshotsAndRestores(
      this.#api,
      this.#scope,
      this.#aurora,
      this.#now,
    );
    this.#orphans = new RdsOrphans(
      this.#api,
      this.#scope,
      this.#aurora,
      (request, ctx) => this.destroy(request, ctx),
    );
  }

  async ensure(
    request: ManagedDatabaseRequest,
    ctx: RuntimeContext,
  ): Promise<ManagedDatabaseEndpoint> {
    // Refuses what RDS cannot run (redis, mongodb) before any AWS call.
    rdsEngineFor(request.service, this.#scope.config.engineMode);
    const located = await this.#instances.locate(request, ctx);
    const existing = located.instance;
    const spec = databaseSpecOf(this.#scope, request, located.id);
    const log = databaseLogger(this.#scope, ctx, request, spec.id);
    const logged = { ...ctx, logger: log };
    const about = errorContextOf(this.#scope, request, spec);
    let sourceSnapshot: string | undefined;
    if (!existing && request.dataSource) {
      spec.sourceId = await this.#restores.locateSource(request, ctx, about);
    }

    if (existing) {
      assertOwned(existing, request, spec.id, this.#scope.installationId);
      await this.#instances.adopt(existing, spec, logged, about);
      if (existing.DBInstanceStatus === 'deleting') {
        throw new RuntimeError(
          `RDS instance ${spec.id} is still being deleted; run the operation again once it is gone`,
          { transient: true, code: 'InstanceDeleting' },
        );
      }
      await this.#instances.converge(existing, spec, request, logged);
    } else if (request.dataSource && !spec.aurora) {
      const restoreTime = request.dataSource.restoreTime;
      if (!restoreTime) {
        // A fresh snapshot of the source, remembered so a resumed operation
        // restores from the same one instead of taking another.
        sourceSnapshot = await ctx.checkpoint(
          `aws-rds:${spec.id}:source-snapshot`,
          () => this.#restores.snapshotSource(request, spec, logged),
        );
        await this.#restores.waitForSnapshot(sourceSnapshot, ctx, about);
      }
      await ctx.checkpoint(`aws-rds:${spec.id}:create`, async () => {
        await ignoreExists(
          restoreTime
            ? this.#restores.restoreToPointInTime(
                request,
                spec,
                restoreTime,
                ctx,
              )
            : this.#restores.restoreFromSnapshot(
                spec,
                sourceSnapshot!,
                ctx,
                about,
              ),
          log,
          spec.id,
        );
        return { identifier: spec.id };
      });
    } else {
      await ctx.checkpoint(`aws-rds:${spec.id}:create`, async () => {
        if (spec.aurora && request.dataSource) {
          await this.#restores.restoreAurora(request, spec, logged);
        } else if (spec.aurora) {
          await this.#aurora.create(request, spec, logged);
        } else {
          await ignoreExists(
            this.#instances.create(request, spec, ctx),
            log,
            spec.id,
          );
        }
        return { identifier: spec.id };
      });
    }

    let instance = await this.#api.waitForInstance(
      spec.id,
      'available',
      ctx,
      about,
    );
    if (request.dataSource) {
      await ctx.checkpoint(`aws-rds:${spec.id}:clone-credentials`, async () => {
        await this.#restores.resetPassword(request, spec, ctx);
        return true;
      });
      // Right after the call the instance may still look available with the
      // old password; wait until AWS no longer lists the change as pending.
      instance = await this.#api.waitForInstance(
        spec.id,
        'available',
        ctx,
        about,
        ready => !ready.PendingModifiedValues?.MasterUserPassword,
      );
    }
    if (sourceSnapshot) {
      await this.#restores.deleteSourceSnapshot(sourceSnapshot, logged);
    }
    log.info('RDS database is available', {
      instanceClass: spec.instanceClass,
    });
    return this.#instances.endpoint(instance, spec, ctx, about);
  }

  async stop(request: ManagedDatabaseRequest, ctx: RuntimeContext) {
    const aurora = isAurora(this.#scope.config);
    let id = databaseIdOf(this.#scope, request);
    const about = errorContextOf(this.#scope, request);
    let log = databaseLogger(this.#scope, ctx, request);
    // Re-read the state on every attempt: AWS refuses to stop an instance that
    // is starting, modifying or backing up (InvalidDBInstanceState), and a
    // retry may find it already stopped.
    const stopping = await retryWithBackoff(async () => {
      const located = await this.#instances.locate(request, ctx);
      const instance = located.instance;
      id = located.id;
      log = databaseLogger(this.#scope, ctx, request, id);
      if (!instance) return false;
      const problem = ownershipProblem(
        instance,
        request,
        this.#scope.installationId,
      );
      if (problem) {
        log.warn(`Not stopping RDS instance ${id}: ${problem}`);
        return false;
      }
      if (['stopped', 'stopping'].includes(instance.DBInstanceStatus ?? '')) {
        return true;
      }
      await this.#api.stop(ctx, about, id, aurora);
      log.info('Stopping RDS database');
      return true;
    }, this.#api.retryOptions(ctx));
    if (!stopping) {
      log.info('No RDS database of this service to stop');
      return;
    }
    await this.#api.waitForInstance(id, 'stopped', ctx, about);
  }

  async start(
    request: ManagedDatabaseRequest,
    ctx: RuntimeContext,
  ): Promise<ManagedDatabaseEndpoint> {
    const { id, instance } = await this.#instances.locate(request, ctx);
    const spec = databaseSpecOf(this.#scope, request, id);
    const about = errorContextOf(this.#scope, request, spec);
    // Nothing to start: creating it is what "start" means for a database
    // that was never made (or was lost).
    if (!instance) return this.ensure(request, ctx);
    assertOwned(instance, request, spec.id, this.#scope.installationId);
    await this.#instances.startIfStopped(instance, spec, ctx, about);
    const ready = await this.#api.waitForInstance(
      spec.id,
      'available',
      ctx,
      about,
    );
    return this.#instances.endpoint(ready, spec, ctx, about);
  }

  async destroy(
    request: ManagedDatabaseRequest,
    ctx: RuntimeContext & { finalSnapshot: boolean },
  ): Promise<void> {
    const aurora = isAurora(this.#scope.config);
    const { id, instance } = await this.#instances.locate(request, ctx);
    const about = { ...errorContextOf(this.#scope, request), identifier: id };
    const log = databaseLogger(this.#scope, ctx, request, id);
    // Production data is never deleted without a final snapshot.
    const keepSnapshot =
      ctx.finalSnapshot || request.environment.mode === 'production';
    const finalSnapshot = keepSnapshot
      ? `${id}-final-${identifierTimestamp(this.#now())}`
      : undefined;

    const problem =
      instance &&
      ownershipProblem(instance, request, this.#scope.installationId);
    if (problem) {
      log.warn(`Not deleting RDS instance ${id}: ${problem}`);
      return;
    }
    const snapshotName = await ctx.checkpoint(
      `aws-rds:${id}:delete`,
      async () => {
        if (aurora) return this.#aurora.delete(id, finalSnapshot, ctx, about);
        if (!instance || instance.DBInstanceStatus === 'deleting') return null;
        await this.#api.deleteDatabase(ctx, about, {
          id,
          aurora: false,
          deletionProtection: instance.DeletionProtection,
          finalSnapshot,
        });
        return finalSnapshot ?? null;
      },
    );
    await this.#api.waitForInstance(id, 'gone', ctx, about);
    if (aurora) await this.#api.waitForClusterGone(id, ctx, about);
    log.info('Deleted RDS database', {
      finalSnapshot: snapshotName ?? 'none',
    });
  }

  async observe(request: ManagedDatabaseRequest): Promise<ObservedService> {
    const { id, instance } = await this.#instances.locate(request, {
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
    return {
      name,
      phase: phaseOf(status),
      message: failureOf(status, id) ?? `RDS instance ${id} is ${status}`,
      urls: [],
      provisioned: provisionedOf(instance, request),
    };
  }

  listManaged(): Promise<ManagedEnvironmentRef[]> {
    return this.#orphans.listManaged();
  }

  destroyOrphan(ref: ManagedEnvironmentRef, ctx: OrphanContext): Promise<void> {
    return this.#orphans.destroyOrphan(ref, ctx);
  }
}
