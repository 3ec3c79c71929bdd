import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  isTransientError,
  retryWithBackoff,
  type EnvironmentRuntime,
  type ResolvedEnvironment,
  type RetryOptions,
  type RuntimeContext,
} from '@greenroom/plugin-environments-node';
import type { ManagedDatabases } from '../managedDatabases/ManagedDatabases';
import type { RuntimeRegistry } from '../runtimes/RuntimeRegistry';
import type { EnvironmentsStore, StoredEnvironment } from '../storage/types';
import { abortable } from './abortable';
import { messageOf } from './errors';
import type { OperationProgress } from './OperationProgress';
import { redactSecrets } from './redact';
import {
  type DatabaseCredentialSource,
  resolveEnvironment,
  secretValuesOf,
  type WakePages,
} from './resolveEnvironment';

export interface RuntimeCallsOptions {
  store: Pick<EnvironmentsStore, 'getSecretValues' | 'getEnvironmentById'>;
  environment: StoredEnvironment;
  runtimes: Pick<RuntimeRegistry, 'get'>;
  databases?: ManagedDatabases;
  credentials?: DatabaseCredentialSource;
  wakePages?: WakePages;
  retry?: RetryOptions;
  /** Already a child logger for the operation. */
  logger: LoggerService;
  signal: AbortSignal;
  progress: Pick<OperationProgress, 'checkpoint'>;
}

/**
 * How one run calls its environment's runtime and managed databases: with
 * the environment resolved once, transient errors retried, checkpoints kept
 * per step, and the secret values it saw kept out of what it logs.
 */
export class RuntimeCalls {
  readonly #options: RuntimeCallsOptions;
  #resolved?: Promise<ResolvedEnvironment>;
  #secretValues: string[] = [];
  /** Of other environments this run resolved (a copy's source). */
  #otherSecretValues: string[] = [];

  constructor(options: RuntimeCallsOptions) {
    this.#options = options;
  }

  /** Resolves once per run; remembers secret values to keep them out of text. */
  resolve(): Promise<ResolvedEnvironment> {
    this.#resolved ??= resolveEnvironment(
      this.#options.store,
      this.#options.environment,
      this.#options.credentials,
      this.#options.wakePages,
    ).then(resolved => {
      this.#secretValues = secretValuesOf(resolved.variables);
      return resolved;
    });
    return this.#resolved;
  }

  /**
   * Another environment resolved for this run's runtime, e.g. the source of
   * a copy: with its database credentials, and its secret values kept out
   * of text like this environment's.
   */
  async resolveOther(
    environment: StoredEnvironment,
  ): Promise<ResolvedEnvironment> {
    const resolved = await resolveEnvironment(
      this.#options.store,
      environment,
      this.#options.credentials,
    );
    this.#otherSecretValues.push(...secretValuesOf(resolved.variables));
    return resolved;
  }

  /** Calls the runtime with retries of transient errors. */
  async runtime<T>(
    step: string,
    call: (
      runtime: EnvironmentRuntime,
      env: ResolvedEnvironment,
      ctx: RuntimeContext,
    ) => Promise<T>,
  ): Promise<T> {
    const { runtimes, environment, logger, signal, progress } = this.#options;
    const runtime = runtimes.get(environment.runtime.type);
    const env = await this.resolve();
    const ctx: RuntimeContext = {
      signal,
      logger: logger.child({ step }),
      checkpoint: (key, fn) => progress.checkpoint(`${step}/${key}`, fn),
    };
    return retryWithBackoff(
      () => abortable((async () => call(runtime, env, ctx))(), signal),
      {
        shouldRetry: isTransientError,
        ...this.#options.retry,
        signal,
        onRetry: (error, attempt, delayMs) =>
          logger.warn(`Retrying ${step} after a transient error`, {
            step,
            attempt,
            delayMs,
            error: this.redact(messageOf(error)),
          }),
      },
    );
  }

  /**
   * Runs a managed-database phase of a step (with the runtime's retries and
   * checkpoints). After it, variables are resolved again: a database's
   * endpoint is part of the built-ins the runtime injects. Not when `call`
   * answers 0, i.e. it touched no database (no endpoint changed).
   */
  async managedDatabases(
    step: string,
    call: (
      databases: ManagedDatabases,
      env: ResolvedEnvironment,
      ctx: RuntimeContext,
    ) => Promise<unknown>,
  ): Promise<void> {
    const databases = this.managedDatabasesInUse();
    if (!databases) return;
    const touched = await this.runtime(
      `${step}-databases`,
      (_runtime, env, ctx) => call(databases, env, ctx),
    );
    if (touched !== 0) this.#resolved = undefined;
  }

  /** A simulated runtime simulates its managed databases too. */
  managedDatabasesInUse(): ManagedDatabases | undefined {
    const { runtimes, environment, databases } = this.#options;
    return runtimes.get(environment.runtime.type).simulated
      ? undefined
      : databases;
  }

  /** The text without the secret values this run resolved. */
  redact(text: string): string {
    return redactSecrets(text, [
      ...this.#secretValues,
      ...this.#otherSecretValues,
    ]);
  }
}
