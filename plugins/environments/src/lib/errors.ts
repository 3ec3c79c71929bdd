import type { ResponseError } from '@backstage/errors';

/**
 * What the backend said went wrong (the message of its `InputError`,
 * `ConflictError` …, which names the field), or the error's own message.
 */
export function errorMessage(error: unknown): string {
  const response = error as Partial<ResponseError> | undefined;
  const remote = response?.body?.error?.message;
  if (typeof remote === 'string' && remote !== '') {
    return remote;
  }
  return error instanceof Error ? error.message : String(error);
}
