import type { LoggerService } from '@backstage/backend-plugin-api';
import { RuntimeError, delay } from '@greenroom/plugin-environments-node';

export interface PollOptions<T> {
  /** Reads the current state; transient failures should already be retried inside. */
  read: () => Promise<T>;
  isDone: (value: T) => boolean;
  /** Throws when waiting can no longer succeed (a failed status, say). */
  check?: (value: T) => void;
  /** The state in words, for the timeout message and debug logs. */
  describe: (value: T) => string;
  /** What we wait for, e.g. `RDS instance gr-dev-db to become available`. */
  what: string;
  intervalMs: number;
  timeoutMs: number;
  signal: AbortSignal;
  logger?: LoggerService;
}

/**
 * Polls until `isDone`, honouring the abort signal between reads. RDS changes
 * take minutes, so this waits with a fixed interval rather than backoff.
 */
export async function pollUntil<T>(options: PollOptions<T>): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    options.signal.throwIfAborted();
    const value = await options.read();
    options.check?.(value);
    if (options.isDone(value)) return value;
    if (Date.now() >= deadline) {
      throw new RuntimeError(
        `Timed out after ${Math.round(
          options.timeoutMs / 1000,
        )} s waiting for ${options.what} (it is ${options.describe(
          value,
        )}); the operation can be run again to keep waiting`,
        { transient: true, code: 'WaitTimeout' },
      );
    }
    options.logger?.debug(`Waiting for ${options.what}`, {
      state: options.describe(value),
    });
    await delay(options.intervalMs, options.signal);
  }
}
