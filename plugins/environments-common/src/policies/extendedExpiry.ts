/**
 * The expiry after an extend by `byMs`, in ms since the epoch: added to the
 * later of now and the current expiry, or, to renew (as a preview renewed on
 * each push needs), at least now + by. Never earlier than the current expiry
 * and, when given, not past `notAfter` (the mode's maximum lifetime as of the
 * request).
 *
 * @public
 */
export function extendedExpiry(options: {
  expiresAt: number;
  byMs: number;
  now: number;
  renew?: boolean;
  notAfter?: number;
}): number {
  const { expiresAt, byMs, now, renew, notAfter } = options;
  const next = renew
    ? Math.max(expiresAt, now + byMs)
    : Math.max(expiresAt, now) + byMs;
  return Math.max(expiresAt, Math.min(next, notAfter ?? Infinity));
}
