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

/** The HTTP status of a failed request, when the error has one. */
export function errorStatus(error: unknown): number | undefined {
  return (error as Partial<ResponseError> | undefined)?.statusCode;
}

/**
 * The title of the alert for a failed request: what its status means for the
 * action (`byStatus`), else `fallback`.
 */
export function errorTitle(
  error: unknown,
  titles: { byStatus: Partial<Record<number, string>>; fallback: string },
): string {
  const status = errorStatus(error);
  return (status !== undefined && titles.byStatus[status]) || titles.fallback;
}
