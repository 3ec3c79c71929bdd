/**
 * ISO 8601 repeating intervals as Cost Insights sends them:
 * `R<repetitions>/<duration>/<end date>`, e.g. `R2/P30D/2026-11-01` is two
 * 30-day periods that end on 2026-11-01 (exclusive).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

const INTERVALS =
  /^R(\d+)\/P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?\/(\d{4})-(\d{2})-(\d{2})$/;

/** A duration in calendar units (no time part). */
export interface CalendarDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

/** A half-open window of UTC days, `[from, to)`, both `YYYY-MM-DD`. */
export interface DayWindow {
  from: string;
  to: string;
}

/** What {@link parseIntervals} reads from a repeating interval. */
export interface ParsedIntervals {
  repetitions: number;
  duration: CalendarDuration;
  /** The whole window, `[end − repetitions × duration, end)`. */
  window: DayWindow;
  /** Each period, oldest first; the last one ends at `end`. */
  periods: DayWindow[];
}

function day(millis: number): string {
  return new Date(millis).toISOString().slice(0, 10);
}

/** `date` minus `times` × `duration`, calendar-aware (month ends are clamped). */
function subtract(
  date: { year: number; month: number; day: number },
  duration: CalendarDuration,
  times: number,
): number {
  const totalMonths =
    date.year * 12 +
    date.month -
    (duration.years * 12 + duration.months) * times;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const base = Date.UTC(year, month, Math.min(date.day, lastDay));
  return base - (duration.weeks * 7 + duration.days) * times * DAY_MS;
}

/**
 * Parses `R2/P30D/2026-11-01` into its periods. Durations may combine years,
 * months, weeks and days (`P3M`, `P1Y`, `P1W`, `P1M15D`). Throws a TypeError
 * naming the input for anything else.
 */
export function parseIntervals(intervals: string): ParsedIntervals {
  const match = INTERVALS.exec(intervals.trim());
  const invalid = () =>
    new TypeError(
      `Invalid intervals ${JSON.stringify(
        intervals,
      )}: expected an ISO 8601 repeating interval such as R2/P30D/2026-11-01`,
    );
  if (!match) throw invalid();
  const [, r, y, mo, w, d, year, month, dayOfMonth] = match;
  const repetitions = Number(r);
  const duration: CalendarDuration = {
    years: Number(y ?? 0),
    months: Number(mo ?? 0),
    weeks: Number(w ?? 0),
    days: Number(d ?? 0),
  };
  const end = {
    year: Number(year),
    month: Number(month) - 1,
    day: Number(dayOfMonth),
  };
  const endMillis = Date.UTC(end.year, end.month, end.day);
  if (
    repetitions < 1 ||
    Object.values(duration).every(value => value === 0) ||
    day(endMillis) !== `${year}-${month}-${dayOfMonth}`
  ) {
    throw invalid();
  }
  const periods: DayWindow[] = [];
  for (let back = repetitions; back >= 1; back--) {
    periods.push({
      from: day(subtract(end, duration, back)),
      to: day(subtract(end, duration, back - 1)),
    });
  }
  return {
    repetitions,
    duration,
    window: { from: periods[0].from, to: periods[periods.length - 1].to },
    periods,
  };
}
