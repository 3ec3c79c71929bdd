import { mockServices } from '@backstage/backend-test-utils';
import type { ApiEnvironment } from '@greenroom/plugin-environments-common';
import {
  environmentsServiceMock,
  makeEnvironment,
} from '@greenroom/plugin-environments-node/testUtils';
import { CapturingLogger } from '../__testUtils__/CapturingLogger';
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
        logger: new CapturingLogger(),
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
    const logger = new CapturingLogger();
    const isDesiredStopped = createIsDesiredStopped({
      ...environmentsWith(undefined),
      auth: mockServices.auth(),
      logger,
    });

    expect(await isDesiredStopped('dev-ada', 'env-1')).toBe(false);
    expect(logger.entries).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: expect.stringContaining('orphan collection'),
      }),
    ]);
  });

  it('does not act for a newer environment that took the same name', async () => {
    const logger = new CapturingLogger();
    const isDesiredStopped = createIsDesiredStopped({
      ...environmentsWith({ id: 'env-new', desiredState: 'stopped' }),
      auth: mockServices.auth(),
      logger,
    });

    expect(await isDesiredStopped('dev-ada', 'env-old')).toBe(false);
    expect(logger.text()).toContain('orphan collection');
  });
});
