import { abortable } from './abortable';

describe('abortable', () => {
  it('passes a result and an error through', async () => {
    const signal = new AbortController().signal;
    await expect(abortable(Promise.resolve(1), signal)).resolves.toBe(1);
    await expect(
      abortable(Promise.reject(new Error('boom')), signal),
    ).rejects.toThrow('boom');
  });

  it('rejects with the reason when the signal aborts before the promise settles', async () => {
    const controller = new AbortController();
    const result = abortable(new Promise(() => {}), controller.signal);
    controller.abort(new Error('stopping'));
    await expect(result).rejects.toThrow('stopping');
  });

  it('rejects at once on an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('already'));
    await expect(
      abortable(Promise.reject(new Error('late')), controller.signal),
    ).rejects.toThrow('already');
  });
});
