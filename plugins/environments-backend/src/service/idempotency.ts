import { CustomErrorBase } from '@backstage/errors';
import { createHash } from 'node:crypto';

/**
 * An Idempotency-Key sent again with another method, path or body: answered
 * with 422, as the IETF Idempotency-Key draft says, rather than with the
 * answer to the other request.
 */
export class IdempotencyKeyReusedError extends CustomErrorBase {
  name = 'IdempotencyKeyReusedError' as const;
  /** Read by Backstage's error handler as the response status. */
  readonly statusCode = 422;

  constructor() {
    super('Idempotency-Key: already used for a different request');
  }
}

/**
 * What identifies a request for its Idempotency-Key: sha256 of the method,
 * the path and the body as canonical JSON (keys sorted), so a retry that
 * orders its keys differently is still the same request. No body counts as
 * an empty one.
 */
export function requestFingerprint(
  method: string,
  path: string,
  body: unknown,
): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n`)
    .update(canonicalJson(body ?? {}))
    .digest('hex');
}

/**
 * JSON with object keys sorted. Iterative, so a deeply nested body (which
 * JSON.parse accepts) cannot overflow the stack.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // Either text to write as is, or a value still to serialize.
  const pending: Array<{ text: string } | { value: unknown }> = [{ value }];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const current = item.value;
    if (current !== null && typeof current === 'object') {
      const parts: Array<{ text: string } | { value: unknown }> = [];
      if (Array.isArray(current)) {
        parts.push({ text: '[' });
        current.forEach((element, i) => {
          if (i > 0) parts.push({ text: ',' });
          parts.push({ value: element });
        });
        parts.push({ text: ']' });
      } else {
        parts.push({ text: '{' });
        Object.keys(current)
          .sort()
          .forEach((key, i) => {
            parts.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(key)}:` });
            parts.push({ value: (current as Record<string, unknown>)[key] });
          });
        parts.push({ text: '}' });
      }
      // Not push(...parts): a long array would exceed the argument limit.
      for (let i = parts.length - 1; i >= 0; i--) pending.push(parts[i]);
    } else {
      // undefined (not JSON) is written as null, as in an array.
      out.push(JSON.stringify(current) ?? 'null');
    }
  }
  return out.join('');
}
