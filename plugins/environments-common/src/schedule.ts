/**
 * Active hours of a policy schedule, e.g. `Mon-Fri 08:00-20:00`.
 *
 * Grammar: one or more windows separated by `;`. A window is optional days
 * and a time range: `Mon-Fri 08:00-20:00`, `Mon,Wed,Fri 09:00-17:00`,
 * `Sat-Sun 10:00-14:00; Mon-Fri 07:00-22:00`, or `08:00-20:00` (every day).
 * Day ranges may wrap (`Fri-Mon`); a time range whose end is before its
 * start runs over midnight (`22:00-06:00`); `24:00` means end of day.
 */

const DAY_NAMES: readonly string[] = [
  'sun',
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
];

/** A parsed window: days as 0 (Sunday) to 6 (Saturday), times in minutes after midnight. @public */
export type ActiveWindow = {
  days: number[];
  start: number;
  end: number;
};

/** Thrown by {@link parseActiveHours}. @public */
export class InvalidScheduleError extends Error {
  constructor(input: string, reason: string) {
    super(`Invalid active hours ${JSON.stringify(input)}: ${reason}`);
    this.name = 'InvalidScheduleError';
  }
}

function parseDay(text: string, input: string): number {
  const index = DAY_NAMES.indexOf(text.toLowerCase());
  if (index < 0) {
    throw new InvalidScheduleError(
      input,
      `unknown day ${JSON.stringify(
        text,
      )}; use Mon, Tue, Wed, Thu, Fri, Sat, Sun`,
    );
  }
  return index;
}

function parseTime(text: string, input: string): number {
  const match = /^(\d{1,2}):([0-5]\d)$/.exec(text);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || minutes > 24 * 60) {
    throw new InvalidScheduleError(
      input,
      `${JSON.stringify(text)} is not a time between 00:00 and 24:00`,
    );
  }
  return minutes;
}

/**
 * Parses active hours such as `Mon-Fri 08:00-20:00`.
 *
 * @throws InvalidScheduleError when the text does not follow the grammar.
 * @public
 */
export function parseActiveHours(active: string): ActiveWindow[] {
  const windows = String(active)
    .split(';')
    .map(part => part.trim());
  if (windows.every(part => part === '')) {
    throw new InvalidScheduleError(
      active,
      "it is empty; write days and hours such as 'Mon-Fri 08:00-20:00'",
    );
  }
  return windows.map(windowText => {
    const match =
      /^(?:([A-Za-z,\s-]+?)\s+)?(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(
        windowText,
      );
    if (!match) {
      throw new InvalidScheduleError(
        active,
        `${JSON.stringify(windowText)} is not like 'Mon-Fri 08:00-20:00'`,
      );
    }
    const [, daysText, startText, endText] = match;
    const days = new Set<number>();
    if (daysText === undefined) {
      DAY_NAMES.forEach((_, index) => days.add(index));
    } else {
      for (const item of daysText.split(',')) {
        const [from, to, extra] = item.split('-').map(part => part.trim());
        if (extra !== undefined || from === '') {
          throw new InvalidScheduleError(
            active,
            `${JSON.stringify(
              item.trim(),
            )} is not a day or a day range like Mon-Fri`,
          );
        }
        const first = parseDay(from, active);
        const last = to === undefined ? first : parseDay(to, active);
        for (let day = first; ; day = (day + 1) % 7) {
          days.add(day);
          if (day === last) break;
        }
      }
    }
    const start = parseTime(startText, active);
    const end = parseTime(endText, active);
    if (start === end) {
      throw new InvalidScheduleError(
        active,
        `${startText}-${endText} is an empty time range`,
      );
    }
    return { days: [...days].sort((a, b) => a - b), start, end };
  });
}

/** Whether `timezone` is an IANA time zone known to this runtime, e.g. `Europe/Paris`. @public */
export function isValidTimeZone(timezone: string): boolean {
  if (typeof timezone !== 'string' || timezone.trim() === '') {
    return false;
  }
  try {
    // Throws a RangeError for an unknown time zone.
    return Boolean(
      new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions()
        .timeZone,
    );
  } catch {
    return false;
  }
}

/** Parsed active hours by their text: a sweep reads the same few many times. */
const parsedActiveHours = new Map<string, readonly ActiveWindow[]>();

function activeWindows(active: string): readonly ActiveWindow[] {
  let windows = parsedActiveHours.get(active);
  if (!windows) {
    windows = parseActiveHours(active);
    // Bounded: texts come from environments' policies, but keep it small.
    if (parsedActiveHours.size >= 1000) parsedActiveHours.clear();
    parsedActiveHours.set(active, windows);
  }
  return windows;
}

/** One formatter per time zone: making one costs far more than using it. */
const localTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Recent local times by time zone and instant: a sweep asks for the same
 * "now" in the same few time zones once per environment.
 */
const recentLocalTimes = new Map<string, { day: number; minutes: number }>();

/** Day of week (0 = Sunday) and minutes after midnight of `date` in `timezone`. */
function localTime(date: Date, timezone: string) {
  const key = `${timezone} ${date.getTime()}`;
  let local = recentLocalTimes.get(key);
  if (!local) {
    local = formatLocalTime(date, timezone);
    if (recentLocalTimes.size >= 1000) recentLocalTimes.clear();
    recentLocalTimes.set(key, local);
  }
  return local;
}

function formatLocalTime(date: Date, timezone: string) {
  let format = localTimeFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    localTimeFormats.set(timezone, format);
  }
  const parts = format.formatToParts(date);
  const part = (type: string) => parts.find(p => p.type === type)?.value ?? '';
  return {
    day: DAY_NAMES.indexOf(part('weekday').toLowerCase()),
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

/**
 * Whether `date` falls inside the active hours of a schedule, read in its
 * time zone. A window running over midnight belongs to the day it starts.
 *
 * @public
 */
export function isWithinActiveHours(
  schedule: { timezone: string; active: string },
  date: Date,
): boolean {
  const windows = activeWindows(schedule.active);
  const { day, minutes } = localTime(date, schedule.timezone);
  const previousDay = (day + 6) % 7;
  return windows.some(({ days, start, end }) => {
    if (start < end) {
      return days.includes(day) && minutes >= start && minutes < end;
    }
    return (
      (days.includes(day) && minutes >= start) ||
      (days.includes(previousDay) && minutes < end)
    );
  });
}
