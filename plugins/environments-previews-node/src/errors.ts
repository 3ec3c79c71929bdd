const STATUS_BY_NAME: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
};

/**
 * The HTTP status of an error from the environments API: a `ResponseError`
 * (over HTTP) carries it, an error thrown in-process has its name.
 */
export function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; name?: unknown } | undefined;
  if (typeof e?.statusCode === 'number') return e.statusCode;
  return typeof e?.name === 'string' ? STATUS_BY_NAME[e.name] : undefined;
}

/**
 * The message to show for an error: for a `ResponseError`, the server's own
 * message (e.g. `by: must be at most 14d for preview environments`), not
 * `Request failed with 400 Bad Request`. First line only.
 */
export function messageOf(error: unknown): string {
  const e = error as
    | { statusCode?: unknown; cause?: { message?: unknown }; message?: unknown }
    | undefined;
  const remote =
    typeof e?.statusCode === 'number' && typeof e.cause?.message === 'string'
      ? e.cause.message
      : undefined;
  const text = remote ?? (typeof e?.message === 'string' ? e.message : '');
  return (text || String(error)).split(/\r?\n/)[0];
}

/** Whether the environments API answered 409 (e.g. the name is taken). */
export function isConflict(error: unknown): boolean {
  return statusOf(error) === 409;
}
