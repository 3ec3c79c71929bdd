import {
  CreateDBSnapshotCommand,
  DeleteDBSnapshotCommand,
  DescribeDBSnapshotsCommand,
  RestoreDBClusterToPointInTimeCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
  RestoreDBInstanceToPointInTimeCommand,
} from '@aws-sdk/client-rds';
import {
  ManagedDatabaseRequest,
  RuntimeError,
} from '@greenroom/plugin-environments-node';
import type { AuroraClusters } from './auroraClusters';
import {
  Ctx,
  DatabaseSpec,
  RdsScope,
  databaseNamesOf,
  errorContextOf,
  isAurora,
  networkOf,
} from './databaseSpec';
import { RdsErrorContext, ignoreExists, ignoreNotFound } from './errors';
import { identifierTimestamp } from './naming';
import { ownershipProblem } from './ownership';
import { pollUntil } from './poll';
import { NOT_FOUND_TOLERANCE, RdsApi } from './rdsApi';

/**
 * Clones: the data of another environment's database, from a fresh
 * snapshot of it, at a point in time, or (Aurora) copy-on-write; the clone
 * then gets its own password, and the snapshot goes.
 */
export class SnapshotsAndRestores {
  constructor(
    private readonly api: RdsApi,
    private readonly scope: RdsScope,
    private readonly aurora: AuroraClusters,
    private readonly now: () => Date,
  ) {}

  /**
   * The clone's source database: named now or as the first releases did, and
   * then only when its tags say it is that service's of that environment.
   * When there is none, the name it would have (AWS then says not found).
   */
  async locateSource(
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
    const names = databaseNamesOf(this.scope, owner);
    const found = isAurora(this.scope.config)
      ? await this.api.describeClustersNamed(names, ctx, about)
      : await this.api.describeInstancesNamed(names, ctx, about);
    const match = names
      .map(name => found.find(r => r.identifier === name))
      .find(
        r =>
          r && !ownershipProblem(r.resource, owner, this.scope.installationId),
      );
    return match?.identifier ?? names[0];
  }

  /** Takes a snapshot of the source instance; its name. */
  async snapshotSource(
    request: ManagedDatabaseRequest,
    spec: DatabaseSpec,
    ctx: Ctx,
  ): Promise<string> {
    const snapshotId = `${spec.id}-src-${identifierTimestamp(this.now())}`;
    await this.api
      .call(ctx, errorContextOf(this.scope, request, spec), abortSignal =>
        this.api.client.send(
          new CreateDBSnapshotCommand({
            DBSnapshotIdentifier: snapshotId,
            DBInstanceIdentifier: spec.sourceId!,
            Tags: spec.tags,
          }),
          { abortSignal },
        ),
      )
      .catch(error => sourceMissing(request, spec, error));
    ctx.logger.info('Taking a snapshot of the source database', {
      source: spec.sourceId!,
      snapshot: snapshotId,
    });
    return snapshotId;
  }

  async waitForSnapshot(snapshotId: string, ctx: Ctx, about: RdsErrorContext) {
    let missing = 0;
    await pollUntil({
      read: async () => {
        try {
          const out = await this.api.call(ctx, about, abortSignal =>
            this.api.client.send(
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
      ...this.api.pollTiming(ctx),
    });
  }

  async restoreFromSnapshot(
    spec: DatabaseSpec,
    snapshotId: string,
    ctx: Ctx,
    about: RdsErrorContext,
  ) {
    await this.api.call(ctx, about, abortSignal =>
      this.api.client.send(
        new RestoreDBInstanceFromDBSnapshotCommand({
          DBInstanceIdentifier: spec.id,
          DBSnapshotIdentifier: snapshotId,
          ...this.#restoredInstance(spec),
        }),
        { abortSignal },
      ),
    );
  }

  async restoreToPointInTime(
    request: ManagedDatabaseRequest,
    spec: DatabaseSpec,
    restoreTime: string,
    ctx: Ctx,
  ) {
    const time = parseRestoreTime(restoreTime);
    await this.api
      .call(ctx, errorContextOf(this.scope, request, spec), abortSignal =>
        this.api.client.send(
          new RestoreDBInstanceToPointInTimeCommand({
            SourceDBInstanceIdentifier: spec.sourceId!,
            TargetDBInstanceIdentifier: spec.id,
            RestoreTime: time,
            ...this.#restoredInstance(spec),
          }),
          { abortSignal },
        ),
      )
      .catch(error => sourceMissing(request, spec, error));
  }

  /**
   * An Aurora clone: copy-on-write shares the source's storage pages until
   * they change, so it is fast and cheap. AWS allows copy-on-write only at the
   * latest restorable time; an explicit restore time needs a full copy.
   */
  async restoreAurora(
    request: ManagedDatabaseRequest,
    spec: DatabaseSpec,
    ctx: Ctx,
  ) {
    const restoreTime = request.dataSource!.restoreTime;
    const about = errorContextOf(this.scope, request, spec);
    await ignoreExists(
      this.api
        .call(ctx, about, abortSignal =>
          this.api.client.send(
            new RestoreDBClusterToPointInTimeCommand({
              DBClusterIdentifier: spec.id,
              SourceDBClusterIdentifier: spec.sourceId!,
              ...(restoreTime
                ? {
                    RestoreType: 'full-copy',
                    RestoreToTime: parseRestoreTime(restoreTime),
                  }
                : {
                    RestoreType: 'copy-on-write',
                    UseLatestRestorableTime: true,
                  }),
              Tags: spec.tags,
              DeletionProtection: spec.production,
              BackupRetentionPeriod: spec.backupRetentionDays,
              CopyTagsToSnapshot: true,
              ...networkOf(this.scope.config),
            }),
            { abortSignal },
          ),
        )
        .catch(error => sourceMissing(request, spec, error)),
      ctx.logger,
      spec.id,
    );
    await this.aurora.createInstance(spec, ctx, about);
    ctx.logger.info('Cloning Aurora cluster', {
      source: spec.sourceId!,
      restoreType: restoreTime ? 'full-copy' : 'copy-on-write',
    });
  }

  /** How a restored instance is set up: as a new one would be. */
  #restoredInstance(spec: DatabaseSpec) {
    return {
      DBInstanceClass: spec.instanceClass,
      Tags: spec.tags,
      DeletionProtection: spec.production,
      BackupRetentionPeriod: spec.backupRetentionDays,
      PubliclyAccessible: false,
      CopyTagsToSnapshot: true,
      ...networkOf(this.scope.config),
    };
  }

  /** Clones never share the source's credentials. */
  async resetPassword(
    request: ManagedDatabaseRequest,
    spec: DatabaseSpec,
    ctx: Ctx,
  ) {
    await this.api.setPassword(
      ctx,
      errorContextOf(this.scope, request, spec),
      spec.id,
      spec.aurora,
      request.password,
    );
    ctx.logger.info('Set the clone its own master password');
  }

  /** The clone's source snapshot costs money once the clone exists. */
  async deleteSourceSnapshot(snapshotId: string, ctx: Ctx) {
    try {
      await ignoreNotFound(
        this.api.call(ctx, { region: this.scope.config.region }, abortSignal =>
          this.api.client.send(
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
}

/** Says which source is missing instead of AWS's bare "not found". */
function sourceMissing(
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

function parseRestoreTime(restoreTime: string): Date {
  const time = new Date(restoreTime);
  if (Number.isNaN(time.getTime())) {
    throw new RuntimeError(
      `The restore time "${restoreTime}" is not a date; give an ISO 8601 time such as 2026-11-23T12:00:00Z`,
      { transient: false, code: 'InvalidRestoreTime' },
    );
  }
  return time;
}
