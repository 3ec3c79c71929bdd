/**
 * Shapes the cost math works on. They mirror the backend's ledger
 * (`ServiceInterval`) without depending on it, so this code also runs in the
 * browser.
 */

/** A point in time: an ISO 8601 string, epoch milliseconds or a Date. @public */
export type Instant = string | number | Date;

/** A half-open time window `[from, to)`. @public */
export interface CostWindow {
  from: Instant;
  to: Instant;
}

/**
 * One ledger interval of one service: what it reserved while `running` or
 * `stopped`. An interval without `endedAt` is still open.
 *
 * @public
 */
export interface CostInterval {
  environmentId: string;
  serviceName: string;
  state: 'running' | 'stopped';
  startedAt: Instant;
  endedAt?: Instant;
  cpuCores: number;
  memoryGb: number;
  storageGb: number;
  /** A managed database's instance class, priced from the class table. */
  instanceClass?: string;
  /** Why the interval started, e.g. `auto-stop` for a policy stop. */
  reason?: string;
}

/** A moment an environment was used (portal view, deploy, API call, ingress hit). @public */
export interface ActivityEvent {
  environmentId: string;
  at: Instant;
}

/**
 * Money in full precision (round with `roundMoney` only to present it).
 * `compute` is CPU plus memory; `total` = compute + storage + database.
 *
 * @public
 */
export interface CostBreakdown {
  total: number;
  compute: number;
  storage: number;
  database: number;
  /** Hours of the interval(s) inside the window. */
  hours: number;
}

/** The reason a ledger interval carries when a policy stopped the environment. @public */
export const AUTO_STOP_REASON = 'auto-stop';
