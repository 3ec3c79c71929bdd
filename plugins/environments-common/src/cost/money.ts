/**
 * Rounds an amount to cents, half away from zero. Use it only to present
 * money; the cost math keeps full precision so that parts add up.
 *
 * `1.005` → 1.01 (the factor absorbs binary representation error).
 *
 * @public
 */
export function roundMoney(amount: number): number {
  const cents = Math.round(Math.abs(amount) * 100 * (1 + Number.EPSILON));
  const rounded = cents / 100;
  return amount < 0 && rounded !== 0 ? -rounded : rounded;
}

/** An amount with exactly two decimals, e.g. `12.5` → `'12.50'`. @public */
export function formatMoney(amount: number): string {
  return roundMoney(amount).toFixed(2);
}
