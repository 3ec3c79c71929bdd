import type {
  AuthService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  ENVIRONMENT_CHANGES_TOPIC,
  EnvironmentChangeEvent,
  EnvironmentsService,
} from '@greenroom/plugin-environments-node';
import { PROVIDER_LOCATION, toEnvironmentEntity } from './toEnvironmentEntity';

const PAGE_SIZE = 500;

/**
 * Publishes every environment held by the environments plugin as an
 * `Environment` entity: a full refresh on a schedule, and a delta as soon as
 * the plugin says an environment changed. Errors are logged, never thrown.
 */
export class EnvironmentEntityProvider implements EntityProvider {
  #connection?: EntityProviderConnection;
  /**
   * Refreshes and deltas run one at a time. A full refresh lists first and
   * applies later: a delta applied in between (an environment created while
   * listing) would be undone by the older list until the next refresh.
   */
  #queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      environments: EnvironmentsService;
      auth: AuthService;
      logger: LoggerService;
      schedule: SchedulerServiceTaskRunner;
      events?: EventsService;
      appBaseUrl?: string;
    },
  ) {}

  getProviderName(): string {
    return 'greenroom-environments';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.options.schedule.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
    await this.options.events?.subscribe({
      id: this.getProviderName(),
      topics: [ENVIRONMENT_CHANGES_TOPIC],
      onEvent: async params =>
        this.applyChange(params.eventPayload as EnvironmentChangeEvent),
    });
  }

  /** Replaces all Environment entities of this provider with the current set. */
  async refresh(): Promise<void> {
    return this.#oneAtATime(() => this.#refresh());
  }

  /** Upserts or removes one environment's entity. */
  async applyChange(event: EnvironmentChangeEvent): Promise<void> {
    return this.#oneAtATime(() => this.#applyChange(event));
  }

  #oneAtATime(fn: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => {});
    return run;
  }

  async #refresh(): Promise<void> {
    const connection = this.#requireConnection();
    try {
      const credentials = await this.options.auth.getOwnServiceCredentials();
      const entities = [];
      for (let offset = 0; ; offset += PAGE_SIZE) {
        const page = await this.options.environments.listEnvironments(
          { limit: PAGE_SIZE, offset, sort: 'name' },
          { credentials },
        );
        entities.push(...page.items);
        if (page.items.length < PAGE_SIZE) break;
      }
      await connection.applyMutation({
        type: 'full',
        entities: entities.map(environment => ({
          entity: toEnvironmentEntity(environment, this.options),
          locationKey: PROVIDER_LOCATION,
        })),
      });
      this.options.logger.info('Published environments to the catalog', {
        count: entities.length,
      });
    } catch (error) {
      // A failed listing must not empty the catalog: keep what is there.
      this.options.logger.error(
        'Could not publish environments to the catalog',
        error as Error,
      );
    }
  }

  async #applyChange(event: EnvironmentChangeEvent): Promise<void> {
    const connection = this.#requireConnection();
    try {
      const entityRef = stringifyEntityRef({
        kind: 'Environment',
        namespace: 'default',
        name: event.name,
      });
      const credentials = await this.options.auth.getOwnServiceCredentials();
      const environment =
        event.change === 'deleted'
          ? undefined
          : await this.options.environments.getEnvironment(event.name, {
              credentials,
            });
      await connection.applyMutation({
        type: 'delta',
        added: environment
          ? [
              {
                entity: toEnvironmentEntity(environment, this.options),
                locationKey: PROVIDER_LOCATION,
              },
            ]
          : [],
        removed: environment
          ? []
          : [{ entityRef, locationKey: PROVIDER_LOCATION }],
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not update the catalog entity of environment '${event.name}'`,
        error as Error,
      );
    }
  }

  #requireConnection(): EntityProviderConnection {
    if (!this.#connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    return this.#connection;
  }
}
