import type { JsonValue } from '@backstage/types';
import type { EnvironmentsStore, OperationRecord } from '../storage/types';
import { LeaseLostError } from './errors';

type OperationPatch = Parameters<EnvironmentsStore['updateOperation']>[2];

/**
 * What a run writes to its operation: status, steps and checkpoints, in
 * order and only while it holds the lease. A refused write means another
 * owner took the operation: the run is aborted and nothing more is written.
 */
export class OperationProgress {
  readonly #store: Pick<EnvironmentsStore, 'updateOperation'>;
  readonly #operationId: string;
  readonly #ownerId: string;
  readonly #controller: AbortController;
  readonly #checkpoints: Record<string, JsonValue>;
  #writes: Promise<unknown> = Promise.resolve();
  /** Checkpoints waiting for the write that will save them all at once. */
  #unsavedCheckpoints?: {
    values: Record<string, JsonValue>;
    saved: Promise<void>;
  };

  constructor(options: {
    store: Pick<EnvironmentsStore, 'updateOperation'>;
    operation: OperationRecord;
    ownerId: string;
    /** The run's controller: aborted when a write is refused. */
    controller: AbortController;
  }) {
    this.#store = options.store;
    this.#operationId = options.operation.id;
    this.#ownerId = options.ownerId;
    this.#controller = options.controller;
    this.#checkpoints = { ...options.operation.checkpoints };
  }

  /** Saves to the operation in order; a refused write means the lease is gone. */
  save(patch: OperationPatch | (() => OperationPatch)): Promise<void> {
    const write = this.#writes.then(async () => {
      this.#controller.signal.throwIfAborted();
      const saved = await this.#store.updateOperation(
        this.#operationId,
        this.#ownerId,
        typeof patch === 'function' ? patch() : patch,
      );
      if (!saved) {
        const error = new LeaseLostError(
          'Another owner took over the operation',
        );
        this.#controller.abort(error);
        throw error;
      }
    });
    this.#writes = write.catch(() => {});
    return write;
  }

  /**
   * `fn`'s value, computed once per operation: a resumed run gets the value
   * saved by the run before it instead of doing the work again.
   */
  async checkpoint<T extends JsonValue | void>(
    key: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    if (Object.prototype.hasOwnProperty.call(this.#checkpoints, key)) {
      return this.#checkpoints[key] as T;
    }
    const value = await fn();
    const json = value === undefined ? null : (value as JsonValue);
    this.#checkpoints[key] = json;
    await this.#saveCheckpoint(key, json);
    return value;
  }

  /**
   * Resolves once the checkpoint is stored. Checkpoints that arrive while
   * another write is under way join one batch, written next: a runtime that
   * applies many objects at once waits for a few writes, not one per object.
   */
  #saveCheckpoint(key: string, value: JsonValue): Promise<void> {
    if (!this.#unsavedCheckpoints) {
      const values: Record<string, JsonValue> = {};
      this.#unsavedCheckpoints = {
        values,
        saved: this.save(() => {
          // From here on, new checkpoints start the next batch.
          this.#unsavedCheckpoints = undefined;
          return { checkpoints: values };
        }),
      };
    }
    this.#unsavedCheckpoints.values[key] = value;
    return this.#unsavedCheckpoints.saved;
  }
}
