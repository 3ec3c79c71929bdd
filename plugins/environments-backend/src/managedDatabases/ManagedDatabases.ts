import type {
  Environment,
  Service,
} from '@greenroom/plugin-environments-common';
import {
  RuntimeError,
  type ManagedDatabaseDataSource,
  type ManagedDatabaseProvider,
  type ManagedDatabaseRequest,
  type ObservedService,
  type RuntimeContext,
} from '@greenroom/plugin-environments-node';
import type { EnvironmentsStore } from '../storage/types';
import type { DatabaseCredentialStore } from './DatabaseCredentialStore';

/** What a clone operation carries about its data (see EnvironmentCommands.clone). */
interface CloneInput {
  source?: unknown;
  dataPolicy?: unknown;
}

/** Database services that a provider runs outside the environment's runtime. */
export function managedDatabaseServices(
  environment: Pick<Environment, 'services'>,
) {
  return environment.services.filter(
    service =>
      service.kind === 'database' && service.database?.mode === 'managed',
  );
}

/**
 * Drives the managed database provider (e.g. AWS RDS) for the engine: the
 * databases are made available before the runtime deploys what uses them,
 * and their endpoints become the services' built-in variables.
 */
export class ManagedDatabases {
  readonly #provider?: ManagedDatabaseProvider;
  readonly #credentials: DatabaseCredentialStore;
  readonly #store: Pick<EnvironmentsStore, 'getEnvironment'>;

  constructor(options: {
    provider?: ManagedDatabaseProvider;
    credentials: DatabaseCredentialStore;
    store: Pick<EnvironmentsStore, 'getEnvironment'>;
  }) {
    this.#provider = options.provider;
    this.#credentials = options.credentials;
    this.#store = options.store;
  }

  /**
   * Creates or converges every managed database and records its endpoint;
   * deletes those an update took away.
   */
  async ensure(
    environment: Environment,
    operationInput: unknown,
    ctx: RuntimeContext,
  ): Promise<number> {
    const services = managedDatabaseServices(environment);
    const retired = await this.#retireRemoved(environment, ctx);
    await Promise.all(
      services.map(async service => {
        const request = await this.#request(environment, service);
        const dataSource = await this.#dataSource(service, operationInput);
        if (dataSource) request.dataSource = dataSource;
        const endpoint = await ctx.checkpoint(
          `managed/${service.name}/ensure`,
          async () => ({
            ...(await this.#require(service).ensure(request, ctx)),
          }),
        );
        await this.#credentials.setEndpoint(
          environment.id,
          service.name,
          endpoint,
        );
      }),
    );
    // How many databases' endpoints may have changed.
    return services.length + retired;
  }

  async stop(environment: Environment, ctx: RuntimeContext): Promise<void> {
    await Promise.all(
      managedDatabaseServices(environment).map(async service =>
        ctx.checkpoint(`managed/${service.name}/stop`, async () => {
          await this.#require(service).stop(
            await this.#request(environment, service),
            ctx,
          );
        }),
      ),
    );
  }

  async start(environment: Environment, ctx: RuntimeContext): Promise<void> {
    await Promise.all(
      managedDatabaseServices(environment).map(async service => {
        const endpoint = await ctx.checkpoint(
          `managed/${service.name}/start`,
          async () => ({
            ...(await this.#require(service).start(
              await this.#request(environment, service),
              ctx,
            )),
          }),
        );
        await this.#credentials.setEndpoint(
          environment.id,
          service.name,
          endpoint,
        );
      }),
    );
  }

  /** Deletes the databases (production always keeps a final snapshot) and forgets every credential. */
  async destroy(environment: Environment, ctx: RuntimeContext): Promise<void> {
    await Promise.all(
      managedDatabaseServices(environment).map(async service =>
        ctx.checkpoint(`managed/${service.name}/destroy`, async () => {
          await this.#require(service).destroy(
            await this.#request(environment, service),
            { ...ctx, finalSnapshot: environment.mode === 'production' },
          );
        }),
      ),
    );
    await this.#credentials.delete(environment.id);
  }

  /**
   * A managed database whose service was removed, or moved to a container,
   * would otherwise run and cost money forever. It is deleted with a final
   * snapshot, as its data may still matter to someone; a database service
   * that stays keeps its password.
   */
  async #retireRemoved(environment: Environment, ctx: RuntimeContext) {
    const kept = new Set(
      managedDatabaseServices(environment).map(service => service.name),
    );
    const retired = (
      await this.#credentials.managedServiceNames(environment.id)
    ).filter(name => !kept.has(name));
    await Promise.all(
      retired.map(async name => {
        const service: Service = {
          name,
          kind: 'database',
          database: { mode: 'managed' },
        } as Service;
        await ctx.checkpoint(`managed/${name}/retire`, async () => {
          await this.#require(service).destroy(
            await this.#request(environment, service),
            { ...ctx, finalSnapshot: true },
          );
        });
        const stillDatabase = environment.services.some(
          s => s.name === name && s.kind === 'database',
        );
        if (stillDatabase) {
          await this.#credentials.clearEndpoint(environment.id, name);
        } else {
          await this.#credentials.delete(environment.id, name);
        }
      }),
    );
    return retired.length;
  }

  async observe(environment: Environment): Promise<ObservedService[]> {
    return Promise.all(
      managedDatabaseServices(environment).map(async service =>
        this.#require(service).observe(
          await this.#request(environment, service),
        ),
      ),
    );
  }

  #require(service: Service): ManagedDatabaseProvider {
    if (!this.#provider) {
      throw new RuntimeError(
        `services.${service.name}: database.mode 'managed' needs a managed database provider; install @greenroom/plugin-environments-backend-module-aws-rds and set environments.awsRds.region, or use mode 'container'`,
        { transient: false, code: 'NoManagedDatabaseProvider' },
      );
    }
    return this.#provider;
  }

  async #request(
    environment: Environment,
    service: Service,
  ): Promise<ManagedDatabaseRequest> {
    return {
      environment: {
        id: environment.id,
        name: environment.name,
        mode: environment.mode,
        owner: environment.owner,
        system: environment.system,
      },
      service,
      password: await this.#credentials.password(environment.id, service.name),
    };
  }

  /** A clone with `dataPolicy: snapshot` restores the source's same database. */
  async #dataSource(
    service: Service,
    input: unknown,
  ): Promise<ManagedDatabaseDataSource | undefined> {
    const { source, dataPolicy } = (input ?? {}) as CloneInput;
    if (dataPolicy !== 'snapshot' || typeof source !== 'string')
      return undefined;
    const sourceEnvironment = await this.#store.getEnvironment(source);
    const sourceService = sourceEnvironment?.services.find(
      s => s.name === service.name && s.database?.mode === 'managed',
    );
    if (!sourceEnvironment || !sourceService) return undefined;
    return {
      environment: {
        id: sourceEnvironment.id,
        name: sourceEnvironment.name,
        mode: sourceEnvironment.mode,
      },
      serviceName: service.name,
    };
  }
}
