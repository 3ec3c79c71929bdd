import { mockServices } from '@backstage/backend-test-utils';
import { withChangeEvents } from './publishingStore';

describe('withChangeEvents', () => {
  const environment = { id: 'id-1', name: 'dev-ada' };
  const base = () => ({
    createEnvironment: jest.fn(async () => ({ environment, operation: {} })),
    updateEnvironmentSpec: jest.fn(async () => ({ environment })),
    updateEnvironmentStatus: jest.fn(async () => {}),
    deleteEnvironment: jest.fn(async () => {}),
    getEnvironmentById: jest.fn(async () => environment),
    getEnvironment: jest.fn(async () => environment),
  });

  it('announces changes of environments and passes other calls through', async () => {
    const store = base();
    const publish = jest.fn(async (_event: unknown) => {});
    const wrapped = withChangeEvents(
      store as any,
      publish,
      mockServices.logger.mock(),
    );

    await wrapped.createEnvironment({} as any, {} as any);
    await wrapped.updateEnvironmentSpec('dev-ada', {}, {});
    await wrapped.updateEnvironmentStatus('id-1', { status: 'running' });
    await wrapped.updateEnvironmentStatus('id-1', { lastActivityAt: 'now' });
    await wrapped.deleteEnvironment('id-1');
    await expect(wrapped.getEnvironment('dev-ada')).resolves.toBe(environment);

    expect(publish.mock.calls.map(c => c[0])).toEqual([
      { name: 'dev-ada', change: 'upserted' },
      { name: 'dev-ada', change: 'upserted' },
      { name: 'dev-ada', change: 'upserted' },
      { name: 'dev-ada', change: 'deleted' },
    ]);
    expect(store.deleteEnvironment).toHaveBeenCalledWith('id-1');
  });

  it('keeps the wrapped store working when it uses private fields', async () => {
    class PrivateStore {
      readonly #name = 'dev-ada';
      async getEnvironment() {
        return { name: this.#name };
      }
    }
    const wrapped = withChangeEvents(
      new PrivateStore() as any,
      jest.fn(),
      mockServices.logger.mock(),
    );
    await expect(wrapped.getEnvironment('dev-ada')).resolves.toEqual({
      name: 'dev-ada',
    });
  });

  it('never fails a change because the announcement failed', async () => {
    const logger = mockServices.logger.mock();
    const wrapped = withChangeEvents(
      base() as any,
      async () => {
        throw new Error('bus down');
      },
      logger,
    );
    await expect(
      wrapped.createEnvironment({} as any, {} as any),
    ).resolves.toBeDefined();
    await new Promise(setImmediate);
    expect(logger.warn).toHaveBeenCalledWith(
      "Could not announce the change of environment 'dev-ada'",
      expect.any(Error),
    );
  });
});
