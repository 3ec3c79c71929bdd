import { seededRandom } from './doubleResources';

/**
 * Failures the double injects. A request that fails fails before it changes
 * anything, so a failed write never happened.
 */
export interface DoubleFaults {
  /** Added to every request. */
  latencyMs?: number;
  /** Fail this share (0..1) of requests, drawn from a seeded random source. */
  failureRate?: number;
  /** Fail every n-th request instead (deterministic). */
  everyNth?: number;
  /** Seed of `failureRate`'s random source. Default 1. */
  seed?: number;
  /** Statuses failures answer with, in turn. Default 429, 500, 503. */
  statuses?: number[];
  /** Also drop connections without an answer, in turn with the statuses. */
  dropConnection?: boolean;
  /** Only requests this accepts can fail. Default: all. */
  match?: (request: { method: string; path: string }) => boolean;
}

/**
 * Decides which requests fail and how, and counts what it injected. Decided
 * before a request changes anything, so a failed request did nothing.
 */
export class FaultInjector {
  /** Failures injected so far, by status (`drop` for dropped connections). */
  readonly injected: Record<string, number> = {};
  #requestCount = 0;
  #failureCount = 0;
  #random: () => number = Math.random;
  #randomSeed: number | undefined;

  /** The status to fail this request with, `drop`, or undefined to serve it. */
  pick(
    faults: DoubleFaults | undefined,
    method: string,
    path: string,
  ): number | 'drop' | undefined {
    if (!faults || (faults.match && !faults.match({ method, path }))) {
      return undefined;
    }
    this.#requestCount++;
    let fail = false;
    if (faults.everyNth) {
      fail = this.#requestCount % faults.everyNth === 0;
    } else if (faults.failureRate) {
      const seed = faults.seed ?? 1;
      if (this.#randomSeed !== seed) {
        this.#random = seededRandom(seed);
        this.#randomSeed = seed;
      }
      fail = this.#random() < faults.failureRate;
    }
    if (!fail) return undefined;
    const pool: Array<number | 'drop'> = [
      ...(faults.statuses ?? [429, 500, 503]),
      ...(faults.dropConnection ? ['drop' as const] : []),
    ];
    const fault = pool[this.#failureCount++ % pool.length];
    this.injected[String(fault)] = (this.injected[String(fault)] ?? 0) + 1;
    return fault;
  }
}
