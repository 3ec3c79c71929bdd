import type {
  Environment,
  Service,
} from '@greenroom/plugin-environments-common';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 60 * 60 * 1000],
  ['month', 30 * 24 * 60 * 60 * 1000],
  ['week', 7 * 24 * 60 * 60 * 1000],
  ['day', 24 * 60 * 60 * 1000],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
];

const relativeTimeFormat = new Intl.RelativeTimeFormat('en', {
  numeric: 'auto',
});

/**
 * Formats an ISO timestamp relative to `now`: `in 2 days`, `5 minutes ago`,
 * `just now`. Returns undefined for a missing or unparsable timestamp.
 */
export function formatRelativeTime(
  iso: string | undefined,
  now: number = Date.now(),
): string | undefined {
  if (!iso) {
    return undefined;
  }
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    return undefined;
  }
  const diff = time - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) {
      return relativeTimeFormat.format(Math.round(diff / ms), unit);
    }
  }
  return diff >= 0 ? 'in less than a minute' : 'just now';
}

/** The runtime an environment runs on, as shown in tables. */
export function formatRuntime(runtime: Environment['runtime']): string {
  if (runtime.type === 'local') {
    return 'local (simulated)';
  }
  return runtime.target ? `${runtime.type}/${runtime.target}` : runtime.type;
}

/** `2 application, 1 database`: how many services of each kind. */
export function summarizeServiceKinds(
  services: ReadonlyArray<Pick<Service, 'kind'>>,
): string {
  const counts = new Map<string, number>();
  for (const service of services) {
    counts.set(service.kind, (counts.get(service.kind) ?? 0) + 1);
  }
  return Array.from(counts, ([kind, count]) => `${count} ${kind}`).join(', ');
}
