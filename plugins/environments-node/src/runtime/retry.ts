import { isTransientError } from './errors';

/** @public */
export interface RetryOptions {
  /** Attempts after the first one. Default 5. */
  retries?: number;
  /** First delay; doubles each attempt, with full jitter. Default 200 ms. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  signal?: AbortSignal;
  /** Decides what is retried. Default: {@link isTransientError}. */
  shouldRetry?: (error: unknown) => boolean;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Source of randomness for jitter, replaceable in tests. */
  random?: () => number;
}

/**
 * Waits `ms`, or rejects with the signal's reason as soon as it aborts.
 *
 * @public
 */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `fn`, retrying transient failures with exponential backoff and full
 * jitter. Permanent failures and aborts are thrown at once.
 *
 * @public
 */
export async function retryWithBackoff<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const {
    retries = 5,
    baseDelayMs = 200,
    maxDelayMs = 10_000,
    signal,
    shouldRetry = isTransientError,
    onRetry,
    random = Math.random,
  } = options;
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      // Once aborted, the reason for stopping matters more than the failure.
      signal?.throwIfAborted();
      if (attempt >= retries || !shouldRetry(error)) {
        throw error;
      }
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
      const delayMs = Math.round(random() * ceiling);
      onRetry?.(error, attempt + 1, delayMs);
      await delay(delayMs, signal);
    }
  }
}
