import { readDurationFromConfig, type Config } from '@backstage/config';
import type { RenderOptions } from '../render/types';

/** Runtime behaviour from `environments.kubernetes` (clusters are read apart). */
export interface KubernetesRuntimeOptions {
  ingress?: RenderOptions['ingress'];
  clusterDomain?: string;
  /**
   * The Ingress annotation that sends every request to a URL, set on a
   * stopped environment's Ingresses to send visitors to the waking page
   * (ingress-nginx's `temporal-redirect` by default); empty (config
   * `ingress.wakeRedirect: false`): Ingresses stay as they are while stopped.
   */
  wakeRedirectAnnotation: string;
  /** How long apply and start wait for every service to be ready. */
  rolloutTimeoutMs: number;
  /** How long destroy waits for the namespace to be gone. */
  destroyTimeoutMs: number;
  /** Pause between status checks while waiting. */
  pollIntervalMs: number;
  /** Objects written at once. */
  concurrency: number;
}

export const DEFAULT_RUNTIME_OPTIONS: KubernetesRuntimeOptions = {
  rolloutTimeoutMs: 10 * 60_000,
  destroyTimeoutMs: 10 * 60_000,
  pollIntervalMs: 2_000,
  concurrency: 8,
  wakeRedirectAnnotation: 'nginx.ingress.kubernetes.io/temporal-redirect',
};

const UNIT_MS: Record<string, number> = {
  years: 365 * 24 * 3_600_000,
  months: 30 * 24 * 3_600_000,
  weeks: 7 * 24 * 3_600_000,
  days: 24 * 3_600_000,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1_000,
  milliseconds: 1,
};

function readMs(config: Config, key: string, fallback: number): number {
  if (!config.has(key)) return fallback;
  const duration = readDurationFromConfig(config, { key }) as Record<
    string,
    number | undefined
  >;
  return Object.entries(duration).reduce(
    (sum, [unit, n]) => sum + (n ?? 0) * (UNIT_MS[unit] ?? 0),
    0,
  );
}

/**
 * Reads `environments.kubernetes.{ingress, rolloutTimeout, destroyTimeout,
 * pollInterval, concurrency}`. Durations are `'10m'`, `'500ms'`, ISO `PT10M`
 * or `{ minutes: 10 }`.
 */
export function readRuntimeOptions(root: Config): KubernetesRuntimeOptions {
  const config = root.getOptionalConfig('environments.kubernetes');
  if (!config) return { ...DEFAULT_RUNTIME_OPTIONS };
  const concurrency =
    config.getOptionalNumber('concurrency') ??
    DEFAULT_RUNTIME_OPTIONS.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(
      'environments.kubernetes.concurrency: must be a whole number of at least 1',
    );
  }
  const ingress = config.getOptionalConfig('ingress');
  const clusterDomain = config.getOptionalString('clusterDomain');
  return {
    ...(clusterDomain && { clusterDomain }),
    ingress: ingress
      ? {
          baseDomain: ingress.getOptionalString('baseDomain'),
          className: ingress.getOptionalString('className'),
        }
      : undefined,
    wakeRedirectAnnotation:
      ingress?.getOptionalBoolean('wakeRedirect') === false
        ? ''
        : ingress?.getOptionalString('wakeRedirectAnnotation') ??
          DEFAULT_RUNTIME_OPTIONS.wakeRedirectAnnotation,
    rolloutTimeoutMs: readMs(
      config,
      'rolloutTimeout',
      DEFAULT_RUNTIME_OPTIONS.rolloutTimeoutMs,
    ),
    destroyTimeoutMs: readMs(
      config,
      'destroyTimeout',
      DEFAULT_RUNTIME_OPTIONS.destroyTimeoutMs,
    ),
    pollIntervalMs: readMs(
      config,
      'pollInterval',
      DEFAULT_RUNTIME_OPTIONS.pollIntervalMs,
    ),
    concurrency,
  };
}
