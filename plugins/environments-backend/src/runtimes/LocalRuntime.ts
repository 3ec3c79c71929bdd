import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  type Environment,
  type Service,
  formatImageReference,
  parseCpuCores,
  parseMemoryGb,
} from '@greenroom/plugin-environments-common';
import {
  copyPostgresDatabase,
  seedPostgresDatabase,
} from '@greenroom/plugin-environments-data-node';
import { delay } from '@greenroom/plugin-environments-node';
import type {
  DataLoad,
  DataLoadContext,
  DataLoadResult,
  EnvironmentRuntime,
  ObservedState,
  ProvisionedResources,
  ResolvedEnvironment,
  RuntimeContext,
  RuntimePlan,
} from '@greenroom/plugin-environments-node';
import { LocalPostgresServer, localDatabaseName } from './LocalPostgresServer';

/** The services that are real databases when the runtime has a server. */
function postgresServices(environment: Pick<Environment, 'services'>) {
  return environment.services.filter(s => s.database?.engine === 'postgresql');
}

/**
 * What the Kubernetes runtime would hold for a service, so the ledger bills
 * the simulation as it would bill a cluster: requests of the running
 * replicas; a volume per replica for a container database (kept while
 * stopped), none for anything else; a managed database's declared class
 * and disk. A job's pod has run to completion, holding nothing.
 */
function simulatedProvisioning(
  service: Service,
  phase: 'running' | 'stopped',
): ProvisionedResources {
  const database = service.database;
  if (database?.mode === 'managed') {
    return {
      replicas: phase === 'running' ? 1 : 0,
      cpuCores: 0,
      memoryGb: 0,
      storageGb: database.storageGb ?? 0,
      ...(database.instanceClass
        ? { instanceClass: database.instanceClass }
        : {}),
    };
  }
  const running =
    phase === 'running' && service.kind !== 'job' ? service.replicas : 0;
  const volumeGb = database
    ? parseMemoryGb(
        service.resources.storage ??
          (database.storageGb ? `${database.storageGb}Gi` : '1Gi'),
      )
    : 0;
  return {
    replicas: running,
    cpuCores: parseCpuCores(service.resources.cpu) * running,
    memoryGb: parseMemoryGb(service.resources.memory) * running,
    storageGb: volumeGb * service.replicas,
  };
}

/**
 * The embedded default runtime: deploys nothing, logs what it would do and
 * reports services running after a short delay. The UI labels environments on
 * it "local (simulated)". What it reports is derived from the stored desired
 * state, so it survives restarts without state of its own. A service with a
 * public port gets a URL under `servicesBaseUrl`, where the backend answers a
 * page naming it (or, while it is stopped, the waking page), so opening a
 * service can be tried without a cluster.
 *
 * Given a PostgreSQL server (`environments.local.databases.postgresql`), its
 * PostgreSQL database services are real databases there (container and
 * managed alike: nothing else provisions them here), and clones can copy
 * and seed them (`loadData`, which it has only then).
 */
export class LocalRuntime implements EnvironmentRuntime {
  readonly type = 'local';
  readonly simulated = true;
  readonly #logger: LoggerService;
  readonly #delayMs: number;
  readonly #servicesBaseUrl?: string;
  readonly #postgres?: LocalPostgresServer;
  readonly loadData?: EnvironmentRuntime['loadData'];
  readonly dataEngines = ['postgresql'] as const;

  constructor(options: {
    logger: LoggerService;
    delayMs?: number;
    /** Where the backend serves the simulated services' pages; no URLs without it. */
    servicesBaseUrl?: string;
    /** Where its PostgreSQL databases are real; simulated without it. */
    postgres?: LocalPostgresServer;
  }) {
    this.#logger = options.logger;
    this.#delayMs = options.delayMs ?? 1500;
    this.#servicesBaseUrl = options.servicesBaseUrl?.replace(/\/+$/, '');
    this.#postgres = options.postgres;
    if (this.#postgres) {
      const postgres = this.#postgres;
      this.loadData = (env, load, ctx) =>
        this.#loadData(postgres, env, load, ctx);
    }
  }

  async plan({ environment }: ResolvedEnvironment): Promise<RuntimePlan> {
    return {
      runtime: this.type,
      changes: environment.services.map(service => ({
        action: 'create' as const,
        resource: `simulated/${service.name}`,
        service: service.name,
        detail: `simulated ${service.kind}, nothing is deployed`,
      })),
    };
  }

  async apply(
    env: ResolvedEnvironment,
    ctx: RuntimeContext,
  ): Promise<ObservedState> {
    await this.#simulate('apply', env, ctx);
    for (const service of this.#postgres
      ? postgresServices(env.environment)
      : []) {
      await this.#postgres!.create(
        localDatabaseName(env.environment.name, service.name),
      );
    }
    return this.#observed(env, 'running');
  }

  async stop(env: ResolvedEnvironment, ctx: RuntimeContext): Promise<void> {
    await this.#simulate('stop', env, ctx);
  }

  async start(
    env: ResolvedEnvironment,
    ctx: RuntimeContext,
  ): Promise<ObservedState> {
    await this.#simulate('start', env, ctx);
    return this.#observed(env, 'running');
  }

  async destroy(env: ResolvedEnvironment, ctx: RuntimeContext): Promise<void> {
    await this.#simulate('destroy', env, ctx);
    for (const service of this.#postgres
      ? postgresServices(env.environment)
      : []) {
      await this.#postgres!.drop(
        localDatabaseName(env.environment.name, service.name),
      );
    }
  }

  async observe(env: ResolvedEnvironment): Promise<ObservedState> {
    return this.#observed(
      env,
      env.environment.desiredState === 'running' ? 'running' : 'stopped',
    );
  }

  async listManaged() {
    // Nothing is deployed, so nothing can be orphaned.
    return [];
  }

  /**
   * Loads one database from scratch: it is made empty first, so a load
   * that failed or was interrupted starts over; the copy and the seed each
   * write in one transaction, so a failed one leaves it empty.
   */
  async #loadData(
    postgres: LocalPostgresServer,
    { environment }: ResolvedEnvironment,
    load: DataLoad,
    ctx: DataLoadContext,
  ): Promise<DataLoadResult> {
    if (load.engine !== 'postgresql') {
      throw new Error(
        `the local runtime loads PostgreSQL databases only, not ${load.engine} (${load.service})`,
      );
    }
    const target = localDatabaseName(environment.name, load.service);
    const options = { binDir: postgres.binDir, signal: ctx.signal };
    try {
      if (load.action === 'seed') {
        const seed = load.seed;
        if (!seed) throw new Error(`no seed to run for ${load.service}`);
        if (!('sql' in seed)) {
          throw new Error(
            `the local runtime runs no containers, so it cannot run the seed image ${seed.image} of ${load.service}; give it an SQL seed instead`,
          );
        }
        await postgres.recreate(target);
        await seedPostgresDatabase({
          ...options,
          target: postgres.connection(target),
          sql: seed.sql,
        });
        return { rows: 0, tables: [] };
      }
      if (!load.source || !load.rules) {
        throw new Error(`no source or rules to copy ${load.service} with`);
      }
      const from = load.source.environment.name;
      const source = localDatabaseName(from, load.service);
      if (!(await postgres.exists(source))) {
        throw new Error(
          `${from} has no database ${source} on the local database server to copy`,
        );
      }
      await postgres.recreate(target);
      return await copyPostgresDatabase({
        ...options,
        source: postgres.connection(source),
        target: postgres.connection(target),
        rules: load.rules,
        transformKey: load.transformKey,
        onProgress: ({ table, rows }) => ctx.progress({ table, rows }),
      });
    } catch (error) {
      if (error instanceof Error) {
        error.message = postgres.redact(error.message);
      }
      throw error;
    }
  }

  async #simulate(
    action: string,
    { environment }: ResolvedEnvironment,
    ctx: RuntimeContext,
  ): Promise<void> {
    this.#logger.info(`Simulating ${action} of environment`, {
      environment: environment.name,
      services: environment.services.map(s => s.name).join(','),
    });
    await delay(this.#delayMs, ctx.signal);
  }

  #observed(
    { environment }: ResolvedEnvironment,
    phase: 'running' | 'stopped',
  ): ObservedState {
    return {
      observedAt: new Date().toISOString(),
      services: environment.services.map(service => ({
        name: service.name,
        phase,
        urls:
          this.#servicesBaseUrl && service.ports.some(p => p.public)
            ? [`${this.#servicesBaseUrl}/${environment.name}/${service.name}/`]
            : [],
        // The names other services would use, as on a cluster.
        internalUrls: service.ports.map(
          p => `http://${service.name}:${p.port}`,
        ),
        ...(service.image && { image: formatImageReference(service.image) }),
        replicas: {
          desired: service.replicas,
          ready: phase === 'running' ? service.replicas : 0,
        },
        provisioned: simulatedProvisioning(service, phase),
      })),
    };
  }
}
