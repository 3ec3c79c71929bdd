/**
 * Linear projection of a month's cost from the cost so far:
 * `costSoFar / elapsedHours * hoursInMonth`. With no time elapsed there is
 * nothing to project from, and the cost so far is returned; so it is once the
 * month is over.
 *
 * @public
 */
export function projectMonth(
  costSoFar: number,
  elapsedHours: number,
  hoursInMonth: number,
): number {
  for (const [name, value] of [
    ['costSoFar', costSoFar],
    ['elapsedHours', elapsedHours],
    ['hoursInMonth', hoursInMonth],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(
        `Invalid ${name} ${value}: expected a non-negative number`,
      );
    }
  }
  if (elapsedHours === 0 || elapsedHours >= hoursInMonth) return costSoFar;
  return (costSoFar / elapsedHours) * hoursInMonth;
}

/** Hours in the UTC calendar month that contains `at` (672 to 744). @public */
export function hoursInUtcMonth(at: Date): number {
  const start = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
  const end = Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
  return (end - start) / (60 * 60 * 1000);
}
