import { RuntimeError } from './errors';
import { retryWithBackoff } from './retry';

const transient = () => Object.assign(new Error('busy'), { statusCode: 503 });

describe('retryWithBackoff', () => {
  it('returns the first success after transient failures', async () => {
    const fn = jest
      .fn()
      .mockRejectedValueOnce(transient())
      .mockRejectedValueOnce(transient())
      .mockResolvedValue('ok');
    const onRetry = jest.fn();
    await expect(
      retryWithBackoff(fn, { baseDelayMs: 1, onRetry }),
    ).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(3);
    expect(onRetry.mock.calls.map(c => c[1])).toEqual([1, 2]);
  });

  it('throws a permanent failure at once', async () => {
    const fn = jest
      .fn()
      .mockRejectedValue(new RuntimeError('invalid', { transient: false }));
    await expect(retryWithBackoff(fn, { baseDelayMs: 1 })).rejects.toThrow(
      'invalid',
    );
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('gives up after the configured retries with the last error', async () => {
    const fn = jest.fn().mockRejectedValue(transient());
    await expect(
      retryWithBackoff(fn, { retries: 3, baseDelayMs: 1 }),
    ).rejects.toThrow('busy');
    expect(fn).toHaveBeenCalledTimes(4);
  });

  it('doubles the delay ceiling up to the maximum', async () => {
    const delays: number[] = [];
    const fn = jest.fn().mockRejectedValue(transient());
    await expect(
      retryWithBackoff(fn, {
        retries: 5,
        baseDelayMs: 1,
        maxDelayMs: 8,
        random: () => 1,
        onRetry: (_e, _a, d) => delays.push(d),
      }),
    ).rejects.toThrow();
    expect(delays).toEqual([1, 2, 4, 8, 8]);
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const fn = jest.fn().mockRejectedValue(transient());
    const result = retryWithBackoff(fn, {
      baseDelayMs: 60_000,
      random: () => 1,
      signal: controller.signal,
    });
    controller.abort(new Error('shutting down'));
    await expect(result).rejects.toThrow('shutting down');
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
