/**
 * An error from a runtime that says whether trying again may help.
 *
 * @public
 */
export class RuntimeError extends Error {
  readonly transient: boolean;
  readonly code?: string;

  constructor(
    message: string,
    options: { transient: boolean; code?: string; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'RuntimeError';
    this.transient = options.transient;
    this.code = options.code;
  }
}

const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function httpStatusOf(error: any): number | undefined {
  const candidates = [
    error?.statusCode,
    error?.status,
    error?.code,
    error?.response?.statusCode,
    error?.response?.status,
    error?.$metadata?.httpStatusCode,
  ];
  return candidates.find(
    (c): c is number => typeof c === 'number' && c >= 100 && c < 600,
  );
}

/**
 * True for failures worth retrying: throttling (429), server errors (5xx),
 * timeouts and dropped connections, anywhere in the cause chain.
 *
 * @public
 */
export function isTransientError(error: unknown): boolean {
  for (let e: any = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (e instanceof RuntimeError) {
      return e.transient;
    }
    const status = httpStatusOf(e);
    if (status !== undefined) {
      return status === 429 || status >= 500;
    }
    if (typeof e.code === 'string' && TRANSIENT_NETWORK_CODES.has(e.code)) {
      return true;
    }
    if (e.name === 'TimeoutError') {
      return true;
    }
  }
  return false;
}
