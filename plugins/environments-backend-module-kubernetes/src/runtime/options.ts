import { readDurationFromConfig, type Config } from '@backstage/config';
import type { DatabaseEngine } from '@greenroom/plugin-environments-common';
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
  /**
   * Requests at once while writing objects (apply, stop, start, prune).
   * 16 by default: a small share of what an API server admits at its
   * defaults (see the README's "Write concurrency").
   */
  concurrency: number;
  /** The Jobs that copy or seed a database's data. */
  data: DataJobOptions;
}

/** How the Jobs of `loadData` run. */
export interface DataJobOptions {
  /**
   * Client image per engine, `{version}` standing for the database's
   * version (e.g. `postgres:{version}-alpine`); engines left out use their
   * official image (see `data/engines.ts`).
   */
  images: Partial<Record<DatabaseEngine, string>>;
  /** The stock Node image that runs the transformer script. */
  transformerImage: string;
  /** `activeDeadlineSeconds`: a data Job still running after this fails. */
  timeoutMs: number;
  /** `ttlSecondsAfterFinished`: how long a finished Job (and its logs) is kept. */
  keepFinishedMs: number;
}

export const DEFAULT_RUNTIME_OPTIONS: KubernetesRuntimeOptions = {
  rolloutTimeoutMs: 10 * 60_000,
  destroyTimeoutMs: 10 * 60_000,
  pollIntervalMs: 2_000,
  concurrency: 16,
  wakeRedirectAnnotation: 'nginx.ingress.kubernetes.io/temporal-redirect',
  data: {
    images: {},
    transformerImage: 'node:22-alpine',
    timeoutMs: 2 * 3_600_000,
    keepFinishedMs: 3_600_000,
  },
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

function readDataJobOptions(config: Config | undefined): DataJobOptions {
  const defaults = DEFAULT_RUNTIME_OPTIONS.data;
  if (!config) return defaults;
  const images = config.getOptionalConfig('images');
  const engineImages: DataJobOptions['images'] = {};
  for (const key of images?.keys() ?? []) {
    if (key !== 'transformer') {
      engineImages[key as DatabaseEngine] = images!.getString(key);
    }
  }
  return {
    images: engineImages,
    transformerImage:
      images?.getOptionalString('transformer') ?? defaults.transformerImage,
    timeoutMs: readMs(config, 'timeout', defaults.timeoutMs),
    keepFinishedMs: readMs(config, 'keepFinished', defaults.keepFinishedMs),
  };
}

/**
 * Reads `environments.kubernetes.{ingress, rolloutTimeout, destroyTimeout,
 * pollInterval, concurrency, data}`. Durations are `'10m'`, `'500ms'`, ISO `PT10M`
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
    data: readDataJobOptions(config.getOptionalConfig('data')),
  };
}
