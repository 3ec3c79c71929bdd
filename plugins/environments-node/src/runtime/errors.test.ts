import { isTransientError, RuntimeError } from './errors';

describe('isTransientError', () => {
  it.each([
    ['429 statusCode', { statusCode: 429 }],
    ['503 status', { status: 503 }],
    ['500 in response', { response: { statusCode: 500 } }],
    ['AWS 502 metadata', { $metadata: { httpStatusCode: 502 } }],
    ['Kubernetes ApiException code 500', { code: 500, body: 'boom' }],
    [
      'ECONNRESET',
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    ],
    ['undici socket error', { code: 'UND_ERR_SOCKET' }],
    ['timeout', Object.assign(new Error('t'), { name: 'TimeoutError' })],
    ['transient RuntimeError', new RuntimeError('x', { transient: true })],
    ['transient cause', new Error('wrapped', { cause: { statusCode: 503 } })],
  ])('retries %s', (_name, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['400', { statusCode: 400 }],
    ['404', { code: 404 }],
    ['409 conflict', { status: 409 }],
    ['permanent RuntimeError', new RuntimeError('x', { transient: false })],
    ['plain error', new Error('bad input')],
    ['undefined', undefined],
    ['ENOENT', { code: 'ENOENT' }],
  ])('does not retry %s', (_name, error) => {
    expect(isTransientError(error)).toBe(false);
  });

  it('trusts a RuntimeError over the status of its cause', () => {
    const error = new RuntimeError('quota exceeded for good', {
      transient: false,
      cause: { statusCode: 503 },
    });
    expect(isTransientError(error)).toBe(false);
  });
});
