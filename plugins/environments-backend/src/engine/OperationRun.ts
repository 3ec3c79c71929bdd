import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  type EnvironmentStatus,
  type OperationStep,
  type OperationType,
} from '@greenroom/plugin-environments-common';
import type {
  ObservedState,
  RetryOptions,
} from '@greenroom/plugin-environments-node';
import type {
  EnvironmentsStore,
  OperationRecord,
  ServiceIntervalInput,
  StoredEnvironment,
} from '../storage/types';
import type { RuntimeRegistry } from '../runtimes/RuntimeRegistry';
import { dataStep } from './dataStep';
import { messageOf } from './errors';
import { extendStep } from './extendStep';
import { keepLease } from './lease';
import { observedIntervals, serviceIntervals } from './ledger';
import {
  statusFromObserved,
  summarizeObserved,
  withManagedDatabases,
} from './observedState';
import { OperationProgress } from './OperationProgress';
import type { DatabaseCredentialSource, WakePages } from './resolveEnvironment';
import type { ObservationStore } from '../observations/ObservationStore';
import { RuntimeCalls } from './RuntimeCalls';
import type { ManagedDatabases } from '../managedDatabases/ManagedDatabases';
import { stepsFor } from './steps';

/** What the environment shows while an operation of each type runs. */
const BUSY_STATUS: Partial<Record<OperationType, EnvironmentStatus>> = {
  create: 'provisioning',
  clone: 'provisioning',
  update: 'provisioning',
  stop: 'stopping',
  start: 'starting',
  destroy: 'deleting',
};

export interface OperationRunOptions {
  store: EnvironmentsStore;
  runtimes: Pick<RuntimeRegistry, 'get'>;
  /** Already a child logger for this operation. */
  logger: LoggerService;
  ownerId: string;
  leaseMs: number;
  retry?: RetryOptions;
  /** Aborted when the engine stops. */
  signal: AbortSignal;
  /** Managed databases (e.g. AWS RDS) and the generated database passwords. */
  databases?: ManagedDatabases;
  credentials?: DatabaseCredentialSource;
  /** The portal's waking pages, for runtimes that route stopped services there. */
  wakePages?: WakePages;
  /** Where what the runtime observes is kept, for the API and the reconcile loop. */
  observations?: Pick<ObservationStore, 'record' | 'markStopped'>;
  /** How long after an operation's observation the reconcile loop looks again. */
  observeAgainAfterMs?: number;
  /** How often a data load's progress is written to its step at most. */
  dataProgressIntervalMs?: number;
  /**
   * The environment as this process stored it with the operation a moment
   * ago (see OperationEngine.submit): not read again.
   */
  environment?: StoredEnvironment;
}

/**
 * Runs one claimed operation to its end, step by step, saving progress as it
 * goes. Holds the lease while it runs; when the lease is lost or the engine
 * stops, it stops at once and writes nothing more, so the operation resumes
 * elsewhere from its last saved step and checkpoint.
 */
export class OperationRun {
  readonly #options: OperationRunOptions;
  readonly #operation: OperationRecord;
  readonly #steps: OperationStep[];
  readonly #controller = new AbortController();
  readonly #progress: OperationProgress;
  readonly #logger: LoggerService;
  #environment?: StoredEnvironment;
  /** Set once the environment is read. */
  #runtimeCalls?: RuntimeCalls;
  #currentStep?: OperationStep;
  /**
   * What the step just before observed of the runtime, when it was a full
   * observation (with drift): the observe step right after records it
   * instead of asking the runtime to list everything again.
   */
  #justObserved?: ObservedState;

  constructor(operation: OperationRecord, options: OperationRunOptions) {
    this.#options = options;
    this.#operation = operation;
    this.#logger = options.logger;
    this.#steps = (
      operation.steps.length
        ? operation.steps
        : stepsFor(operation.type, operation.input).map(name => ({
            name,
            status: 'queued' as const,
          }))
    ).map(step => ({ ...step }));
    this.#progress = new OperationProgress({
      store: options.store,
      operation,
      ownerId: options.ownerId,
      controller: this.#controller,
    });
  }

  get #signal(): AbortSignal {
    return this.#controller.signal;
  }

  get #calls(): RuntimeCalls {
    return this.#runtimeCalls!;
  }

  /** Never throws: failures end up in the stored operation or the log. */
  async run(): Promise<void> {
    const engineSignal = this.#options.signal;
    const onEngineAbort = () => this.#controller.abort(engineSignal.reason);
    if (engineSignal.aborted) {
      return;
    }
    engineSignal.addEventListener('abort', onEngineAbort, { once: true });
    const stopRenewing = keepLease({
      store: this.#options.store,
      operationId: this.#operation.id,
      ownerId: this.#options.ownerId,
      leaseMs: this.#options.leaseMs,
      logger: this.#logger,
      controller: this.#controller,
    });
    try {
      this.#logger.info('Running operation', {
        type: this.#operation.type,
        attempt: this.#operation.attempts,
      });
      await this.#execute();
      this.#logger.info('Operation succeeded', { type: this.#operation.type });
    } catch (error) {
      if (this.#signal.aborted) {
        this.#logger.info(
          'Stopped running operation; it resumes once its lease expires',
          { reason: messageOf(this.#signal.reason) },
        );
      } else {
        await this.#fail(error);
      }
    } finally {
      stopRenewing();
      engineSignal.removeEventListener('abort', onEngineAbort);
    }
  }

  async #execute(): Promise<void> {
    const { store } = this.#options;
    const operation = this.#operation;
    this.#environment =
      this.#options.environment ??
      (await store.getEnvironmentById(operation.environmentId));
    const pending = this.#steps.filter(step => step.status !== 'succeeded');

    if (!this.#environment) {
      if (operation.type !== 'destroy') {
        throw new NotFoundError(
          `Environment ${operation.environmentName} no longer exists`,
        );
      }
      // Resumed after cleanup had already removed it: nothing is left to do.
      const now = new Date().toISOString();
      for (const step of pending) {
        Object.assign(step, {
          status: 'succeeded',
          startedAt: step.startedAt ?? now,
          finishedAt: now,
          message: 'Environment already deleted',
        });
      }
      await this.#progress.save({
        status: 'succeeded',
        steps: this.#snapshot(),
      });
      return;
    }

    this.#runtimeCalls = new RuntimeCalls({
      store,
      environment: this.#environment,
      runtimes: this.#options.runtimes,
      databases: this.#options.databases,
      credentials: this.#options.credentials,
      wakePages: this.#options.wakePages,
      retry: this.#options.retry,
      logger: this.#logger,
      signal: this.#signal,
      progress: this.#progress,
    });
    // Saved with the first step's start (one write, not two).
    let status: { status?: 'running' } = { status: 'running' };
    // With every step done (we died just before saving success), the
    // environment already has its final status: do not set it back to busy.
    const busy = BUSY_STATUS[operation.type];
    // A create or clone is stored already provisioning: no second write.
    if (busy && pending.length > 0 && this.#environment.status !== busy) {
      await this.#setEnvironmentStatus(busy);
    }
    for (const step of pending) {
      await this.#runStep(step, status);
      status = {};
    }
    await this.#progress.save({
      status: 'succeeded',
      steps: this.#snapshot(),
    });
  }

  /**
   * Runs one step. Its start is saved with the end of the step before it
   * (one write per step, not two); its own end is saved with the next step's
   * start or the operation's success. A run that dies in between does the
   * finished step again, which its checkpoints make cheap.
   */
  async #runStep(
    step: OperationStep,
    alsoSave: { status?: 'running' },
  ): Promise<void> {
    this.#currentStep = step;
    step.status = 'running';
    step.startedAt ??= new Date().toISOString();
    delete step.finishedAt;
    delete step.message;
    await this.#progress.save({ ...alsoSave, steps: this.#snapshot() });

    const justObserved = this.#justObserved;
    this.#justObserved = undefined;
    const message = await this.#perform(step.name, justObserved);

    step.status = 'succeeded';
    step.finishedAt = new Date().toISOString();
    step.message = message;
    this.#currentStep = undefined;
  }

  /** Does one step; returns its message for the UI. */
  async #perform(
    step: string,
    justObserved: ObservedState | undefined,
  ): Promise<string> {
    const environment = this.#environment!;
    const { store } = this.#options;
    switch (step) {
      case 'resolve': {
        const { variables } = await this.#calls.resolve();
        return `Resolved ${variables.environment.length} environment variables for ${environment.services.length} services`;
      }
      case 'apply': {
        await this.#calls.managedDatabases('apply', (databases, env, ctx) =>
          databases.ensure(env.environment, this.#operation.input, ctx),
        );
        const observed = await this.#calls.runtime(step, (runtime, env, ctx) =>
          runtime.apply(env, ctx),
        );
        if (observed.drift) this.#justObserved = observed;
        // Two independent writes at once: the ledger and the activity.
        await Promise.all([
          // Billed from what was provisioned, where the runtime says.
          this.#billableObservation(observed).then(billable =>
            this.#openIntervals(step, 'running', { observed: billable }),
          ),
          // A deploy is activity: a freshly deployed environment is not idle.
          store.recordActivity(environment.id, {
            kind: 'deploy',
            actor: this.#operation.requestedBy,
            at: new Date(),
          }),
        ]);
        return `Applied: ${summarizeObserved(observed)}`;
      }
      case 'data':
        return dataStep({
          environment,
          operation: this.#operation,
          calls: this.#calls,
          store,
          logger: this.#logger,
          transformKey: () => this.#dataTransformKey(),
          report: message => this.#reportProgress(message),
          progressIntervalMs: this.#options.dataProgressIntervalMs,
          signal: this.#signal,
        });
      case 'observe': {
        const observed = await this.#withManagedDatabases(
          justObserved ??
            (await this.#calls.runtime(step, (runtime, env) =>
              runtime.observe(env),
            )),
        );
        this.#signal.throwIfAborted();
        // Independent writes at once; the status last, once both are kept.
        await Promise.all([
          this.#options.observations?.record(
            environment.id,
            observed,
            new Date(
              Date.now() + (this.#options.observeAgainAfterMs ?? 60_000),
            ),
          ),
          store.reconcileRunningIntervals(
            observedIntervals(environment, observed),
            new Date(),
          ),
        ]);
        await this.#setEnvironmentStatus(statusFromObserved(observed));
        return summarizeObserved(observed);
      }
      case 'start': {
        await this.#calls.managedDatabases('start', (databases, env, ctx) =>
          databases.start(env.environment, ctx),
        );
        const started = await this.#calls.runtime(step, (runtime, env, ctx) =>
          runtime.start(env, ctx),
        );
        if (started?.drift) this.#justObserved = started;
        await this.#openIntervals(step, 'running', {
          observed: started
            ? await this.#billableObservation(started)
            : undefined,
          keepReservations: true,
        });
        return `Started ${environment.services.length} services`;
      }
      case 'stop': {
        await this.#calls.runtime(step, (runtime, env, ctx) =>
          runtime.stop(env, ctx),
        );
        await this.#calls.managedDatabases('stop', (databases, env, ctx) =>
          databases.stop(env.environment, ctx),
        );
        await this.#openIntervals(step, 'stopped', { keepReservations: true });
        this.#signal.throwIfAborted();
        await this.#options.observations?.markStopped(
          environment.id,
          new Date(),
        );
        await this.#setEnvironmentStatus('stopped');
        return `Stopped ${environment.services.length} services`;
      }
      case 'destroy': {
        await this.#calls.runtime(step, (runtime, env, ctx) =>
          runtime.destroy(env, ctx),
        );
        await this.#calls.managedDatabases('destroy', (databases, env, ctx) =>
          databases.destroy(env.environment, ctx),
        );
        this.#signal.throwIfAborted();
        await store.closeServiceIntervals(environment.id, new Date());
        return `Destroyed ${environment.services.length} services`;
      }
      case 'cleanup': {
        this.#signal.throwIfAborted();
        await store.deleteEnvironment(environment.id);
        return 'Removed the environment';
      }
      case 'extend':
        return extendStep({
          environment,
          input: this.#operation.input,
          progress: this.#progress,
          store,
          signal: this.#signal,
        });
      default:
        throw new InputError(
          `Unknown step '${step}' of a ${this.#operation.type} operation`,
        );
    }
  }

  /** What the runtime observed, with the managed databases' provider's answer. */
  async #withManagedDatabases(observed: ObservedState): Promise<ObservedState> {
    const databases = this.#calls.managedDatabasesInUse();
    if (!databases) return observed;
    return withManagedDatabases(
      observed,
      await databases.observe(this.#environment!),
    );
  }

  /**
   * What apply or start bills: the runtime's answer with the managed
   * databases' where the provider answers. Its failure must not fail a step
   * whose work is done: those databases are billed as before (their open
   * interval, else their spec) until the next observation.
   */
  async #billableObservation(observed: ObservedState): Promise<ObservedState> {
    try {
      return await this.#withManagedDatabases(observed);
    } catch (error) {
      this.#logger.warn(
        `Managed databases could not be observed for billing: ${messageOf(
          error,
        )}`,
      );
      return observed;
    }
  }

  /**
   * Opens ledger intervals once per step, even when the step runs again.
   * Each service is billed from what `observed` says it holds, else (with
   * `keepReservations`: a stop or start changes what runs, not what is
   * reserved) from its open interval, else from its spec.
   */
  async #openIntervals(
    step: string,
    state: ServiceIntervalInput['state'],
    sources: { observed?: ObservedState; keepReservations?: boolean } = {},
  ) {
    const environment = this.#environment!;
    const input = this.#operation.input as { reason?: unknown } | undefined;
    const reason =
      typeof input?.reason === 'string' ? input.reason : this.#operation.type;
    await this.#progress.checkpoint(`engine/${step}/ledger`, async () => {
      this.#signal.throwIfAborted();
      const previous = sources.keepReservations
        ? await this.#options.store.listOpenServiceIntervals(environment.id)
        : [];
      // Closing every open one also ends the intervals of services an
      // update removed; one transaction instead of one per service.
      await this.#options.store.replaceServiceIntervals(
        environment.id,
        serviceIntervals(environment, state, reason, {
          observed: sources.observed,
          previous,
        }),
        new Date(),
      );
    });
  }

  #dataTransformKey(): string {
    const key = this.#options.credentials?.dataTransformKey?.(
      this.#operation.id,
    );
    if (!key) {
      throw new Error(
        'Copying data needs the secrets key, to derive the key of its transforms',
      );
    }
    return key;
  }

  /** Shows how far the running step has come. */
  #reportProgress(message: string): Promise<void> {
    const step = this.#currentStep;
    if (!step) return Promise.resolve();
    step.message = message;
    return this.#progress.save({ steps: this.#snapshot() });
  }

  async #setEnvironmentStatus(status: EnvironmentStatus): Promise<void> {
    this.#signal.throwIfAborted();
    await this.#options.store.updateEnvironmentStatus(this.#environment!.id, {
      status,
    });
  }

  #snapshot(): OperationStep[] {
    return this.#steps.map(step => ({ ...step }));
  }

  async #fail(error: unknown): Promise<void> {
    const message =
      this.#runtimeCalls?.redact(messageOf(error)) ?? messageOf(error);
    const step = this.#currentStep;
    this.#logger.error('Operation failed', {
      step: step?.name,
      error: message,
    });
    const now = new Date().toISOString();
    for (const s of this.#steps) {
      if (s === step) {
        Object.assign(s, { status: 'failed', finishedAt: now, message });
      } else if (s.status === 'queued') {
        s.status = 'cancelled';
      }
    }
    try {
      // An extend changes nothing in the runtime, so its failure does not
      // make the environment itself failed.
      if (this.#environment && this.#operation.type !== 'extend') {
        await this.#setEnvironmentStatus('failed');
      }
      await this.#progress.save({
        status: 'failed',
        steps: this.#snapshot(),
        error: step ? `Step ${step.name} failed: ${message}` : message,
      });
    } catch (saveError) {
      if (!this.#signal.aborted) {
        this.#logger.error(
          `Could not record the failure of the operation: ${messageOf(
            saveError,
          )}`,
        );
      }
    }
  }
}
