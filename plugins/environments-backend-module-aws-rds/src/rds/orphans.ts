import {
  ManagedDatabaseRequest,
  ManagedEnvironmentRef,
  OrphanContext,
  RuntimeContext,
  RuntimeError,
  isTransientError,
  retryWithBackoff,
} from '@greenroom/plugin-environments-node';
import type { Service } from '@greenroom/plugin-environments-common';
import type { AuroraClusters } from './auroraClusters';
import {
  RdsScope,
  databaseLogger,
  errorContextOf,
  isAurora,
} from './databaseSpec';
import { toRuntimeError } from './errors';
import { ManagedInstance, listManagedInstances } from './listManagedInstances';
import { legacyDbInstanceIdentifier, toDbInstanceIdentifier } from './naming';
import type { RdsApi } from './rdsApi';

/**
 * The password of a request built for orphan collection, which knows no real
 * one and needs none (deleting sends no password). Not empty, so it is
 * redacted like any password, and shaped so no AWS message contains it.
 */
const NO_PASSWORD = '\u0000greenroom-orphan-collection-has-no-password\u0000';

/** One database of an orphaned environment: an instance, or a cluster's instances. */
interface OrphanDatabase {
  serviceName: string;
  instances: ManagedInstance[];
}

/** Deletes a database the way the provider's `destroy` does. */
export type DestroyDatabase = (
  request: ManagedDatabaseRequest,
  ctx: RuntimeContext & { finalSnapshot: boolean },
) => Promise<void>;

/**
 * Orphan collection: the environments Greenroom's databases (found by tag)
 * belong to, and the deletion, each with a final snapshot, of those of an
 * environment that no longer exists.
 */
export class RdsOrphans {
  constructor(
    private readonly api: RdsApi,
    private readonly scope: RdsScope,
    private readonly aurora: AuroraClusters,
    private readonly destroy: DestroyDatabase,
  ) {}

  /** `aws-rds:<region>`: where this provider's databases are. */
  get target(): string {
    return `aws-rds:${this.scope.config.region}`;
  }

  async listManaged(): Promise<ManagedEnvironmentRef[]> {
    const instances = await this.#listInstances();
    const target = this.target;
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
    const target = this.target;
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
    const aurora = isAurora(this.scope.config);
    // One entry per database: an Aurora cluster with several instances is
    // deleted once.
    const databases = new Map<string, OrphanDatabase>();
    const skipped: string[] = [];
    for (const instance of instances) {
      // Named now (with the hash) or as the first releases named it.
      const names = [
        toDbInstanceIdentifier({
          installationId: this.scope.installationId,
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

  /**
   * One database of an orphaned environment, through `destroy` with a final
   * snapshot. The request carries what `destroy` needs: the name and id that
   * decide ownership, and no real password (nothing here sends one).
   */
  async #destroyOrphanDatabase(
    ref: ManagedEnvironmentRef,
    id: string,
    database: OrphanDatabase,
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
    const about = errorContextOf(this.scope, request);
    const log = databaseLogger(this.scope, ctx, request);
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
        await this.aurora.deleteInstance(
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

  /** Greenroom's instances, all pages or an error (retried as a whole). */
  async #listInstances(signal?: AbortSignal): Promise<ManagedInstance[]> {
    const about = { region: this.scope.config.region };
    return retryWithBackoff(
      () =>
        listManagedInstances(this.api.client, this.scope.installationId).catch(
          error => {
            throw toRuntimeError(error, about);
          },
        ),
      { ...this.api.retry, ...(signal ? { signal } : {}) },
    );
  }
}
