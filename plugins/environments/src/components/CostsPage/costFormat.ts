import { formatMoney } from '@greenroom/plugin-environments-common';
import type { ApiCostRow } from '../../api';

/** An amount with its currency, rounded to cents: `USD 12.50`. */
export function formatCost(amount: number, currency: string): string {
  return `${currency} ${formatMoney(amount)}`;
}

const percentFormat = new Intl.NumberFormat('en-US', {
  style: 'percent',
  maximumFractionDigits: 1,
});

/** A ratio as a percentage with at most one decimal: `0.125` → `12.5%`. */
export function formatShare(ratio: number): string {
  return percentFormat.format(ratio);
}

/** What part of a row's total ran idle (0 when it cost nothing). */
export function idleShare(row: Pick<ApiCostRow, 'idle' | 'total'>): number {
  return row.total > 0 ? row.idle / row.total : 0;
}

/** Hours with at most one decimal: `12.25` → `12.3 h`. */
export function formatHours(hours: number): string {
  return `${Math.round(hours * 10) / 10} h`;
}

/** `+12.5% vs last month`, or undefined when last month cost nothing. */
export function formatChange(
  current: number,
  previous: number,
): string | undefined {
  if (!(previous > 0)) {
    return undefined;
  }
  const ratio = (current - previous) / previous;
  return `${ratio > 0 ? '+' : ''}${formatShare(ratio)}`;
}

/**
 * A rate with the precision it was configured with (rates are fractions of a
 * cent, so they are not rounded to cents): `0.0000548`.
 */
export function formatRate(rate: number, currency: string): string {
  return `${currency} ${rate}`;
}

/** An ISO instant to the minute, in UTC: `2026-12-01 00:00`. */
export function formatUtcMinute(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
