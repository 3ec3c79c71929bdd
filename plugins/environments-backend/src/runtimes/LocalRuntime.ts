import type { LoggerService } from '@backstage/backend-plugin-api';
import { formatImageReference } from '@greenroom/plugin-environments-common';
import { delay } from '@greenroom/plugin-environments-node';
import type {
  EnvironmentRuntime,
  ObservedState,
  ResolvedEnvironment,
  RuntimeContext,
  RuntimePlan,
} from '@greenroom/plugin-environments-node';

/**
 * The embedded default runtime: deploys nothing, logs what it would do and
 * reports services running after a short delay. The UI labels environments on
 * it "local (simulated)". What it reports is derived from the stored desired
 * state, so it survives restarts without state of its own. A service with a
 * public port gets a URL under `servicesBaseUrl`, where the backend answers a
 * page naming it (or, while it is stopped, the waking page), so opening a
 * service can be tried without a cluster.
 */
export class LocalRuntime implements EnvironmentRuntime {
  readonly type = 'local';
  readonly simulated = true;
  readonly #logger: LoggerService;
  readonly #delayMs: number;
  readonly #servicesBaseUrl?: string;

  constructor(options: {
    logger: LoggerService;
    delayMs?: number;
    /** Where the backend serves the simulated services' pages; no URLs without it. */
    servicesBaseUrl?: string;
  }) {
    this.#logger = options.logger;
    this.#delayMs = options.delayMs ?? 1500;
    this.#servicesBaseUrl = options.servicesBaseUrl?.replace(/\/+$/, '');
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
    return this.#observed(env, 'running');
  }

  async stop(env: ResolvedEnvironment, ctx: RuntimeContext): Promise<void> {
    await this.#simulate('stop', env, ctx);
  }

  async start(env: ResolvedEnvironment, ctx: RuntimeContext): Promise<void> {
    await this.#simulate('start', env, ctx);
  }

  async destroy(env: ResolvedEnvironment, ctx: RuntimeContext): Promise<void> {
    await this.#simulate('destroy', env, ctx);
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
      })),
    };
  }
}
