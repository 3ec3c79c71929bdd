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

/** The largest unit of which `ms` holds at least one, and how many (rounded). */
function largestUnit(
  ms: number,
): { unit: Intl.RelativeTimeFormatUnit; count: number } | undefined {
  for (const [unit, unitMs] of UNITS) {
    if (Math.abs(ms) >= unitMs) {
      return { unit, count: Math.round(ms / unitMs) };
    }
  }
  return undefined;
}

function parseTime(iso: string | undefined): number | undefined {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Formats an ISO timestamp relative to `now`: `in 2 days`, `5 minutes ago`,
 * `just now`. Returns undefined for a missing or unparsable timestamp.
 */
export function formatRelativeTime(
  iso: string | undefined,
  now: number = Date.now(),
): string | undefined {
  const time = parseTime(iso);
  if (time === undefined) {
    return undefined;
  }
  const diff = time - now;
  const largest = largestUnit(diff);
  if (largest) {
    return relativeTimeFormat.format(largest.count, largest.unit);
  }
  return diff >= 0 ? 'in less than a minute' : 'just now';
}

/**
 * How long ago an ISO timestamp was, as a duration: `5 minutes`, `2 days`,
 * `less than a minute` (for "failing for 5 minutes"). Returns undefined for a
 * missing or unparsable timestamp.
 */
export function formatElapsed(
  iso: string | undefined,
  now: number = Date.now(),
): string | undefined {
  const time = parseTime(iso);
  if (time === undefined) {
    return undefined;
  }
  const largest = largestUnit(Math.max(0, now - time));
  if (!largest) {
    return 'less than a minute';
  }
  return new Intl.NumberFormat('en', {
    style: 'unit',
    unit: largest.unit,
    unitDisplay: 'long',
  }).format(largest.count);
}

/** A URL as shown in a link's text: without its scheme and trailing slash. */
/**
 * A URL short enough for a table cell: its host, and of a longer path only
 * the last part (`localhost:7007/…/storefront`).
 */
export function formatShortUrl(url: string): string {
  const text = formatUrl(url);
  const parts = text.split('/').filter(Boolean);
  return parts.length > 2 ? `${parts[0]}/…/${parts[parts.length - 1]}` : text;
}

export function formatUrl(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/$/, '');
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
