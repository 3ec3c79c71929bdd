import type { LoggerService } from '@backstage/backend-plugin-api';
import type { RetryOptions } from '@greenroom/plugin-environments-node';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type {
  EnvironmentsStore,
  OperationRecord,
  StoredEnvironment,
} from '../storage/types';
import type { RuntimeRegistry } from '../runtimes/RuntimeRegistry';
import { OperationRun, type OperationRunOptions } from './OperationRun';

export interface OperationEngineOptions {
  store: EnvironmentsStore;
  runtimes: Pick<RuntimeRegistry, 'get'>;
  logger: LoggerService;
  /** Identifies this replica in leases; unique per process by default. */
  ownerId?: string;
  /** How long a claim holds without renewal; renewed every third of it. */
  leaseMs?: number;
  pollIntervalMs?: number;
  /** Operations run at once by this replica. */
  concurrency?: number;
  /** Backoff of runtime calls that fail transiently. */
  retry?: RetryOptions;
  /** Managed databases and generated database passwords. */
  databases?: OperationRunOptions['databases'];
  credentials?: OperationRunOptions['credentials'];
  wakePages?: OperationRunOptions['wakePages'];
  observations?: OperationRunOptions['observations'];
  observeAgainAfterMs?: OperationRunOptions['observeAgainAfterMs'];
  dataProgressIntervalMs?: OperationRunOptions['dataProgressIntervalMs'];
}

/**
 * Claims queued operations (and those whose lease expired on a replica that
 * died) and runs them against their environment's runtime. Several replicas
 * may run an engine on the same database: leases keep each operation on one.
 */
export class OperationEngine {
  readonly ownerId: string;
  readonly #store: EnvironmentsStore;
  readonly #runtimes: Pick<RuntimeRegistry, 'get'>;
  readonly #logger: LoggerService;
  readonly #leaseMs: number;
  readonly #pollIntervalMs: number;
  readonly #concurrency: number;
  readonly #retry?: RetryOptions;
  readonly #runOptions: Pick<
    OperationRunOptions,
    | 'databases'
    | 'credentials'
    | 'wakePages'
    | 'observations'
    | 'observeAgainAfterMs'
    | 'dataProgressIntervalMs'
  >;
  readonly #inFlight = new Set<Promise<void>>();
  #controller = new AbortController();
  #started = false;
  #timer?: ReturnType<typeof setTimeout>;
  #polling?: Promise<void>;
  #pollAgain = false;
  /** Claims of submitted operations under way: they take slots too. */
  #submitting = 0;

  constructor(options: OperationEngineOptions) {
    this.#store = options.store;
    this.#runtimes = options.runtimes;
    this.#logger = options.logger;
    this.ownerId =
      options.ownerId ??
      `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.#concurrency = options.concurrency ?? 4;
    this.#retry = options.retry;
    this.#runOptions = {
      databases: options.databases,
      credentials: options.credentials,
      wakePages: options.wakePages,
      observations: options.observations,
      observeAgainAfterMs: options.observeAgainAfterMs,
      dataProgressIntervalMs: options.dataProgressIntervalMs,
    };
  }

  /** Starts polling for operations. */
  start(): void {
    if (this.#started) {
      return;
    }
    this.#started = true;
    if (this.#controller.signal.aborted) {
      this.#controller = new AbortController();
    }
    this.wake();
  }

  /**
   * Stops claiming and aborts running operations without marking them: they
   * keep their lease, which expires, and another replica resumes them.
   */
  async stop(): Promise<void> {
    this.#started = false;
    clearTimeout(this.#timer);
    this.#controller.abort(new Error('The operation engine is stopping'));
    await this.#polling;
    await Promise.allSettled([...this.#inFlight]);
  }

  /** Polls now, e.g. right after an operation was queued. */
  wake(): void {
    if (!this.#started) {
      return;
    }
    if (this.#polling) {
      this.#pollAgain = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#polling = this.#poll().finally(() => {
      this.#polling = undefined;
      if (!this.#started) {
        return;
      }
      if (this.#pollAgain) {
        this.#pollAgain = false;
        this.wake();
      } else {
        this.#timer = setTimeout(() => this.wake(), this.#pollIntervalMs);
      }
    });
  }

  /**
   * Runs an operation this process has just stored at once, with the
   * environment stored in the same transaction (not read again). Polls
   * instead when no slot is free or the operation is not claimable.
   */
  submit(queued: {
    operation: OperationRecord;
    environment: StoredEnvironment;
  }): void {
    if (!this.#started || this.#busy()) {
      this.wake();
      return;
    }
    this.#submitting += 1;
    this.#store
      .claimOperation(this.ownerId, this.#leaseMs, queued.operation.id)
      .then(
        operation => {
          this.#submitting -= 1;
          if (!operation) {
            this.wake();
          } else if (this.#started) {
            // Claimed while stopping: left; its lease expires and it resumes.
            this.#track(operation, queued.environment).finally(() =>
              this.wake(),
            );
          }
        },
        error => {
          this.#submitting -= 1;
          this.#logger.error('Could not claim an operation', error as Error);
          this.wake();
        },
      );
  }

  /** Claims one operation and runs it to its end; for tests and tools. */
  async runOnce(): Promise<OperationRecord | undefined> {
    if (this.#controller.signal.aborted) {
      this.#controller = new AbortController();
    }
    const operation = await this.#store.claimOperation(
      this.ownerId,
      this.#leaseMs,
    );
    if (!operation) {
      return undefined;
    }
    await this.#track(operation);
    return this.#store.getOperation(operation.id);
  }

  async #poll(): Promise<void> {
    try {
      while (this.#started && !this.#busy()) {
        const operation = await this.#store.claimOperation(
          this.ownerId,
          this.#leaseMs,
        );
        if (!operation) {
          return;
        }
        if (!this.#started) {
          // Claimed while stopping: leave it; its lease expires and it resumes.
          return;
        }
        this.#track(operation).finally(() => this.wake());
      }
    } catch (error) {
      this.#logger.error('Could not claim an operation', error as Error);
    }
  }

  #busy(): boolean {
    return this.#inFlight.size + this.#submitting >= this.#concurrency;
  }

  #track(
    operation: OperationRecord,
    environment?: StoredEnvironment,
  ): Promise<void> {
    const run = new OperationRun(operation, {
      store: this.#store,
      runtimes: this.#runtimes,
      logger: this.#logger.child({
        operationId: operation.id,
        environment: operation.environmentName,
      }),
      ownerId: this.ownerId,
      leaseMs: this.#leaseMs,
      retry: this.#retry,
      signal: this.#controller.signal,
      ...this.#runOptions,
      environment,
    }).run();
    this.#inFlight.add(run);
    return run.finally(() => this.#inFlight.delete(run));
  }
}
