/**
 * A new key for one submission of a form, sent as `Idempotency-Key`: a retry
 * of the same submission (a double click, a lost answer) creates nothing twice.
 * Without `crypto.randomUUID` (plain-HTTP origins) the time and a random
 * suffix are unique enough for that.
 */
export function newIdempotencyKey(): string {
  return (
    globalThis.crypto?.randomUUID?.() ??
    `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  );
}
