import {
  AddTagsToResourceCommand,
  CreateDBInstanceCommand,
  DBInstance,
  ModifyDBInstanceCommand,
} from '@aws-sdk/client-rds';
import {
  ManagedDatabaseEndpoint,
  ManagedDatabaseRequest,
  RuntimeError,
} from '@greenroom/plugin-environments-node';
import {
  Ctx,
  DatabaseSpec,
  RdsScope,
  databaseNamesOf,
  errorContextOf,
  networkOf,
} from './databaseSpec';
import type { RdsErrorContext } from './errors';
import { tagValue } from './listManagedInstances';
import { INSTALLATION_TAG } from './naming';
import { ownershipProblem } from './ownership';
import type { RdsApi } from './rdsApi';

/**
 * RDS instances: finding a service's instance, creating one, bringing it to
 * the service's class and storage, starting it, and reading its endpoint.
 */
export class RdsInstances {
  constructor(private readonly api: RdsApi, private readonly scope: RdsScope) {}

  /**
   * Finds the service's instance, by name in one call: the identifier it
   * gets now, else one named as the first releases did, which is taken only
   * when its tags say it is this very database (another service could have
   * had that name). Not found: the identifier a new one gets.
   */
  async locate(
    request: ManagedDatabaseRequest,
    ctx: Ctx,
  ): Promise<{ id: string; instance?: DBInstance }> {
    const names = databaseNamesOf(this.scope, request);
    const found = await this.api.describeInstancesNamed(
      names,
      ctx,
      errorContextOf(this.scope, request),
    );
    const current = found.find(r => r.identifier === names[0]);
    if (current) return { id: names[0], instance: current.resource };
    const legacy = found.find(
      r =>
        r.identifier === names[1] &&
        !ownershipProblem(r.resource, request, this.scope.installationId),
    );
    if (legacy) return { id: names[1], instance: legacy.resource };
    return { id: names[0] };
  }

  async create(request: ManagedDatabaseRequest, spec: DatabaseSpec, ctx: Ctx) {
    await this.api.call(
      ctx,
      errorContextOf(this.scope, request, spec),
      abortSignal =>
        this.api.client.send(
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
            ...networkOf(this.scope.config),
          }),
          { abortSignal },
        ),
    );
    ctx.logger.info('Creating RDS instance', {
      engine: spec.engine,
      instanceClass: spec.instanceClass,
    });
  }

  /**
   * Brings an existing instance to the service's class and (growing only)
   * storage, starting it first when stopped. An engine never changes in
   * place.
   */
  async converge(
    instance: DBInstance,
    spec: DatabaseSpec,
    request: ManagedDatabaseRequest,
    ctx: Ctx,
  ) {
    const about = errorContextOf(this.scope, request, spec);
    if (instance.Engine && instance.Engine !== spec.engine) {
      throw new RuntimeError(
        `RDS instance ${spec.id} runs ${instance.Engine}, but service ${request.service.name} asks for ${spec.engine}; an engine cannot change in place: destroy the database service and add it again`,
        { transient: false, code: 'EngineMismatch' },
      );
    }
    await this.startIfStopped(instance, spec, ctx, about);

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
    await this.api.call(ctx, about, abortSignal =>
      this.api.client.send(
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

  /** Starts a stopped (or stopping) database and waits until it is available. */
  async startIfStopped(
    instance: DBInstance,
    spec: DatabaseSpec,
    ctx: Ctx,
    about: RdsErrorContext,
  ) {
    let status = instance.DBInstanceStatus;
    if (status === 'stopping') {
      status = (await this.api.waitForInstance(spec.id, 'stopped', ctx, about))
        ?.DBInstanceStatus;
    }
    if (status !== 'stopped') return;
    await this.api.start(ctx, about, spec.id, spec.aurora);
    ctx.logger.info('Starting RDS database');
    await this.api.waitForInstance(spec.id, 'available', ctx, about);
  }

  /**
   * An instance from before installation tags, now known to be this
   * database (same environment id): tag it, and its Aurora cluster, so
   * listings and orphan collection see it.
   */
  async adopt(
    instance: DBInstance,
    spec: DatabaseSpec,
    ctx: Ctx,
    about: RdsErrorContext,
  ) {
    if (tagValue(instance, INSTALLATION_TAG) !== undefined) return;
    const { installationId } = this.scope;
    const tags = [{ Key: INSTALLATION_TAG, Value: installationId }];
    const arns = [instance.DBInstanceArn];
    if (spec.aurora) {
      arns.push(
        (await this.api.describeCluster(spec.id, ctx, about))?.DBClusterArn,
      );
    }
    for (const arn of arns) {
      if (!arn) continue;
      await this.api.call(ctx, about, abortSignal =>
        this.api.client.send(
          new AddTagsToResourceCommand({ ResourceName: arn, Tags: tags }),
          { abortSignal },
        ),
      );
    }
    ctx.logger.info(
      'Adopted an RDS database from before installation tags: tagged it with this installation',
      { installation: installationId },
    );
  }

  /** Where the service connects, as the database reports it. */
  async endpoint(
    instance: DBInstance | undefined,
    spec: DatabaseSpec,
    ctx: Ctx,
    about: RdsErrorContext,
  ): Promise<ManagedDatabaseEndpoint> {
    // Aurora's cluster (writer) endpoint survives a failover; the instance's does not.
    const cluster = spec.aurora
      ? await this.api.describeCluster(spec.id, ctx, about)
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
}
