import { mockServices } from '@backstage/backend-test-utils';
import type { ApiEnvironment } from '@greenroom/plugin-environments-common';
import {
  environmentsServiceMock,
  loggedText,
  makeEnvironment,
} from '@greenroom/plugin-environments-node/testUtils';
import { testLogger } from '../__testUtils__/logs';
import { createIsDesiredStopped } from './desiredState';

function environmentsWith(
  environment:
    | { id: string; desiredState: ApiEnvironment['desiredState'] }
    | undefined,
) {
  const environments = environmentsServiceMock.mock({
    getEnvironment: jest.fn(
      async () =>
        environment && makeEnvironment({ name: 'env', ...environment }),
    ),
  });
  return { environments, getEnvironment: environments.getEnvironment };
}

describe('createIsDesiredStopped', () => {
  it.each<[ApiEnvironment['desiredState'], boolean]>([
    ['stopped', true],
    ['running', false],
    ['deleted', false],
  ])(
    'answers %s with %s, asking as the module itself',
    async (state, expected) => {
      const { environments, getEnvironment } = environmentsWith({
        id: 'env-1',
        desiredState: state,
      });
      const isDesiredStopped = createIsDesiredStopped({
        environments,
        auth: mockServices.auth(),
        logger: testLogger(),
      });

      expect(await isDesiredStopped('dev-ada', 'env-1')).toBe(expected);
      expect(getEnvironment).toHaveBeenCalledWith('dev-ada', {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      });
    },
  );

  it('leaves the instance of an environment that is gone to orphan collection', async () => {
    const logger = testLogger();
    const isDesiredStopped = createIsDesiredStopped({
      ...environmentsWith(undefined),
      auth: mockServices.auth(),
      logger,
    });

    expect(await isDesiredStopped('dev-ada', 'env-1')).toBe(false);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toContain('orphan collection');
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('does not act for a newer environment that took the same name', async () => {
    const logger = testLogger();
    const isDesiredStopped = createIsDesiredStopped({
      ...environmentsWith({ id: 'env-new', desiredState: 'stopped' }),
      auth: mockServices.auth(),
      logger,
    });

    expect(await isDesiredStopped('dev-ada', 'env-old')).toBe(false);
    expect(loggedText(logger)).toContain('orphan collection');
  });
});
