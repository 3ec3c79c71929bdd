import {
  CreateDBClusterCommand,
  CreateDBInstanceCommand,
  DeleteDBInstanceCommand,
} from '@aws-sdk/client-rds';
import type { ManagedDatabaseRequest } from '@greenroom/plugin-environments-node';
import {
  Ctx,
  DatabaseSpec,
  RdsScope,
  errorContextOf,
  networkOf,
} from './databaseSpec';
import { RdsErrorContext, ignoreExists, ignoreNotFound } from './errors';
import type { RdsApi } from './rdsApi';

/**
 * Aurora clusters (`engineMode: aurora`): a cluster, which holds the data,
 * with one instance named like it. Created and deleted in two steps.
 */
export class AuroraClusters {
  constructor(private readonly api: RdsApi, private readonly scope: RdsScope) {}

  async create(request: ManagedDatabaseRequest, spec: DatabaseSpec, ctx: Ctx) {
    const about = errorContextOf(this.scope, request, spec);
    await ignoreExists(
      this.api.call(ctx, about, abortSignal =>
        this.api.client.send(
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
            ...networkOf(this.scope.config),
          }),
          { abortSignal },
        ),
      ),
      ctx.logger,
      spec.id,
    );
    await this.createInstance(spec, ctx, about);
    ctx.logger.info('Creating Aurora cluster', {
      engine: spec.engine,
      instanceClass: spec.instanceClass,
    });
  }

  /** The one instance of an Aurora cluster, named like the cluster. */
  async createInstance(spec: DatabaseSpec, ctx: Ctx, about: RdsErrorContext) {
    await ignoreExists(
      this.api.call(ctx, about, abortSignal =>
        this.api.client.send(
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

  /**
   * An instance of an Aurora cluster goes without a snapshot of its own (the
   * cluster holds the data); waits until it is gone.
   */
  async deleteInstance(
    id: string,
    alreadyDeleting: boolean,
    ctx: Ctx,
    about: RdsErrorContext,
  ) {
    if (!alreadyDeleting) {
      await ignoreNotFound(
        this.api.call(ctx, about, abortSignal =>
          this.api.client.send(
            new DeleteDBInstanceCommand({ DBInstanceIdentifier: id }),
            { abortSignal },
          ),
        ),
      );
    }
    await this.api.waitForInstance(id, 'gone', ctx, about);
  }

  /**
   * Deletes the cluster's instance, then the cluster (which holds the data,
   * so the final snapshot is taken there). The snapshot's name, or null when
   * there was nothing to delete.
   */
  async delete(
    id: string,
    finalSnapshot: string | undefined,
    ctx: Ctx,
    about: RdsErrorContext,
  ): Promise<string | null> {
    await this.deleteInstance(id, false, ctx, about);
    const cluster = await this.api.describeCluster(id, ctx, about);
    if (!cluster || cluster.Status === 'deleting') return null;
    await this.api.deleteDatabase(ctx, about, {
      id,
      aurora: true,
      deletionProtection: cluster.DeletionProtection,
      finalSnapshot,
    });
    return finalSnapshot ?? null;
  }
}
