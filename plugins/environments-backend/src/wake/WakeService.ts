import {
  decideWake,
  type OperationStep,
  type WakeDecision,
  type WakeSettings,
} from '@greenroom/plugin-environments-common';
import type { ObservationStore } from '../observations/ObservationStore';
import type {
  EnvironmentsStore,
  OperationRecord,
  StoredEnvironment,
} from '../storage/types';

/** What the waking page shows. */
export interface WakeAnswer {
  state: 'starting' | 'ready' | 'refused' | 'failed';
  message: string;
  /** The start operation's steps, for progress. */
  steps?: Pick<OperationStep, 'name' | 'status'>[];
  /** Where to send the visitor once ready. */
  url?: string;
}

export interface WakeServiceSettings extends WakeSettings {
  /** Starts one visitor (by address) may ask for per hour, across environments. */
  startsPerClientPerHour: number;
  /** Visits within this window share one start request per environment. */
  startWindowMs: number;
}

export interface WakeServiceOptions {
  store: Pick<
    EnvironmentsStore,
    'getEnvironment' | 'listOperations' | 'recordActivity'
  >;
  observations: Pick<ObservationStore, 'forEnvironments'>;
  /**
   * Queues a start as the configured wake principal (a user a permission
   * policy can restrict, never the plugin's own credentials); the same key
   * returns the same operation.
   */
  startEnvironment(
    environment: StoredEnvironment,
    idempotencyKey: string,
  ): Promise<OperationRecord>;
  settings: WakeServiceSettings;
  now?: () => Date;
}

export class WakeRateLimitedError extends Error {
  name = 'WakeRateLimitedError';
}

/**
 * Wake on traffic: a visit to a stopped environment's public URL starts it
 * (where its mode allows), counts as activity, and reports progress until
 * the service is ready. Abuse is bounded twice: visits within a window share
 * one start per environment, and each visitor has an hourly budget.
 */
export class WakeService {
  readonly #options: WakeServiceOptions;
  readonly #now: () => Date;
  // Per visitor: the hour and how many starts were asked in it. Per replica;
  // with several replicas a visitor gets at most that many times the budget.
  readonly #budgets = new Map<string, { hour: number; starts: number }>();

  constructor(options: WakeServiceOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** A visit asks for the environment; starts it when it sleeps and may wake. */
  async start(
    environmentName: string,
    serviceName: string,
    client: string,
  ): Promise<WakeAnswer> {
    const visit = await this.#visit(environmentName, serviceName);
    if ('state' in visit) return visit;
    const { environment, decision } = visit;
    if (decision.action === 'start') {
      this.#spend(client);
      const now = this.#now();
      const window = Math.floor(
        now.getTime() / this.#options.settings.startWindowMs,
      );
      try {
        await this.#options.startEnvironment(
          environment,
          `wake-${environment.id}-${window}`,
        );
      } catch (error) {
        const answer = answerFor(error, environment.name);
        if (answer) return answer;
        throw error;
      }
      await this.#options.store.recordActivity(environment.id, {
        kind: 'wake',
        at: now,
      });
    }
    return this.status(environmentName, serviceName);
  }

  /** Where the environment is on its way up, and where to go once it is. */
  async status(
    environmentName: string,
    serviceName: string,
  ): Promise<WakeAnswer> {
    const visit = await this.#visit(environmentName, serviceName);
    if ('state' in visit) return visit;
    const { environment, decision } = visit;
    const [latest] = await this.#options.store.listOperations(environment.id, {
      limit: 1,
    });
    // Progress is that of a start; any other operation says nothing here.
    const steps =
      latest?.type === 'start'
        ? latest.steps.map(({ name, status }) => ({ name, status }))
        : undefined;
    if (latest?.type === 'start' && latest.status === 'failed') {
      return {
        state: 'failed',
        // Visitors are not signed in: the error itself stays in the portal.
        message: `Starting ${environment.name} failed; its page in the portal says why.`,
        steps,
      };
    }
    if (decision.action === 'forward') {
      const observed = (
        await this.#options.observations.forEnvironments([environment.id])
      )
        .get(environment.id)
        ?.services.get(serviceName);
      const ready = !observed || observed.phase === 'running';
      const url = observed?.publicUrls[0];
      if (ready && url) {
        return {
          state: 'ready',
          message: `${serviceName} is ready.`,
          steps,
          url,
        };
      }
      if (observed?.phase === 'failed') {
        return {
          state: 'failed',
          message: `${serviceName} does not start; its environment's page in the portal says why.`,
          steps,
        };
      }
    }
    return {
      state: 'starting',
      message:
        decision.action === 'start'
          ? `${environment.name} is stopped; starting it…`
          : `Starting ${environment.name}…`,
      steps,
    };
  }

  /** The visited environment and what a visit does, or the answer when it may not wake. */
  async #visit(
    name: string,
    service: string,
  ): Promise<
    { environment: StoredEnvironment; decision: WakeDecision } | WakeAnswer
  > {
    const environment = await this.#options.store.getEnvironment(name);
    if (!environment?.services.some(s => s.name === service)) {
      return notFound(name, service);
    }
    const decision = decideWake(environment, this.#options.settings);
    return decision.action === 'refuse'
      ? { state: 'refused', message: decision.reason }
      : { environment, decision };
  }

  #spend(client: string) {
    const hour = Math.floor(this.#now().getTime() / 3_600_000);
    const budget = this.#budgets.get(client);
    const spent = budget && budget.hour === hour ? budget.starts : 0;
    if (spent >= this.#options.settings.startsPerClientPerHour) {
      throw new WakeRateLimitedError(
        'Too many wake-ups from this address; try again later or start the environment from the portal.',
      );
    }
    this.#budgets.set(client, { hour, starts: spent + 1 });
    // Old hours are dropped as they pass, so the map stays small.
    if (this.#budgets.size > 10_000) {
      for (const [key, value] of this.#budgets) {
        if (value.hour !== hour) this.#budgets.delete(key);
      }
    }
  }
}

/** What a visitor is told when the start is refused or deferred; undefined for other errors. */
function answerFor(
  error: unknown,
  environment: string,
): WakeAnswer | undefined {
  const name = (error as Error)?.name;
  if (name === 'NotAllowedError') {
    return {
      state: 'refused',
      message: `This portal may not start ${environment} on traffic. Start it from the portal.`,
    };
  }
  if (name === 'ConflictError') {
    // A preview waiting for a free slot of its system's quota, or another
    // operation under way: it starts later, and the page keeps waiting.
    return {
      state: 'starting',
      message: `${environment} waits for its turn to start (its system already runs as many previews as it may, or another change is under way).`,
    };
  }
  return undefined;
}

function notFound(environment: string, service: string): WakeAnswer {
  return {
    state: 'refused',
    message: `There is no service ${service} in an environment ${environment}.`,
  };
}
