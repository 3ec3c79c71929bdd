/**
 * Durations as people write them in policies and requests: `90m`, `2h`, `3d`,
 * `1w`, or combinations such as `1h30m`.
 *
 * Units: `w` (7 days), `d`, `h`, `m`, `s`. Each unit may appear once, largest
 * first. Only whole non-negative numbers: `1.5h` is rejected (write `1h30m`),
 * and so are signs, bare numbers and unknown units. At most
 * {@link MAX_DURATION_MS} (100 years).
 */

const UNIT_MS = {
  w: 7 * 24 * 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  h: 60 * 60 * 1000,
  m: 60 * 1000,
  s: 1000,
} as const;

/**
 * The longest duration {@link parseDuration} reads: 36500d, about 100 years.
 * Longer ones are typos or abuse, and `now + duration` must stay a valid Date
 * (e.g. `14290000w` would overflow it and fail later, far from the input).
 *
 * @public
 */
export const MAX_DURATION_MS = 36_500 * UNIT_MS.d;

type Unit = keyof typeof UNIT_MS;
const UNITS = Object.keys(UNIT_MS) as Unit[];

/** Thrown by {@link parseDuration} for text that is not a duration. @public */
export class InvalidDurationError extends Error {
  readonly input: string;

  constructor(input: string, reason: string) {
    super(`Invalid duration ${JSON.stringify(input)}: ${reason}`);
    this.name = 'InvalidDurationError';
    this.input = input;
  }
}

/**
 * Parses a duration such as `90m`, `2h`, `3d`, `1w` or `1h30m` into
 * milliseconds. Whitespace around the text and between parts is allowed.
 *
 * @throws InvalidDurationError when the text is not a duration.
 * @public
 */
export function parseDuration(text: string): number {
  if (typeof text !== 'string') {
    throw new InvalidDurationError(String(text), 'expected a string');
  }
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new InvalidDurationError(
      text,
      "it is empty; use a number and a unit, e.g. '90m', '2h', '3d' or '1h30m'",
    );
  }
  if (trimmed.startsWith('-')) {
    throw new InvalidDurationError(text, 'negative durations are not allowed');
  }
  if (/\d[.,]\d/.test(trimmed)) {
    throw new InvalidDurationError(
      text,
      "use whole numbers, e.g. '1h30m' instead of '1.5h'",
    );
  }

  const part = /(\d+)\s*([a-zA-Z]*)\s*/y;
  let total = 0;
  let lastUnitIndex = -1;
  let position = 0;
  while (position < trimmed.length) {
    part.lastIndex = position;
    const match = part.exec(trimmed);
    if (!match) {
      throw new InvalidDurationError(
        text,
        `unexpected ${JSON.stringify(
          trimmed.slice(position),
        )}; use a number and a unit, e.g. '90m', '2h', '3d' or '1h30m'`,
      );
    }
    position = part.lastIndex;
    const [, digits, unit] = match;
    if (unit === '') {
      throw new InvalidDurationError(
        text,
        `${digits} has no unit; add one of w, d, h, m, s (e.g. '${digits}m')`,
      );
    }
    if (!(unit in UNIT_MS)) {
      throw new InvalidDurationError(
        text,
        `unknown unit ${JSON.stringify(unit)}; use w, d, h, m or s`,
      );
    }
    const unitIndex = UNITS.indexOf(unit as Unit);
    if (unitIndex <= lastUnitIndex) {
      throw new InvalidDurationError(
        text,
        "each unit may appear once, largest first (e.g. '1d2h30m')",
      );
    }
    lastUnitIndex = unitIndex;
    total += Number(digits) * UNIT_MS[unit as Unit];
  }
  if (!Number.isSafeInteger(total) || total > MAX_DURATION_MS) {
    throw new InvalidDurationError(
      text,
      'it is too large; at most 36500d (about 100 years)',
    );
  }
  return total;
}

/**
 * Formats milliseconds as the shortest duration text that
 * {@link parseDuration} reads back, e.g. `5400000` → `'1h30m'`. Rounds to
 * whole seconds; zero is `'0m'`.
 *
 * @public
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(
      `Cannot format duration ${ms}: expected a finite number of milliseconds >= 0`,
    );
  }
  let rest = Math.round(ms / 1000) * 1000;
  let text = '';
  for (const unit of UNITS) {
    const count = Math.floor(rest / UNIT_MS[unit]);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * UNIT_MS[unit];
    }
  }
  return text || '0m';
}
