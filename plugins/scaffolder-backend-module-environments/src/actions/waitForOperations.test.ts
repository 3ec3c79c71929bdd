import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type {
  ApiOperation,
  OperationStep,
} from '@greenroom/plugin-environments-common';
import { environmentsServiceMock } from '@greenroom/plugin-environments-node/testUtils';
import { waitForOperations } from './waitForOperations';

const credentials = mockCredentials.user('user:default/ada');

function operation(
  id: string,
  status: ApiOperation['status'],
  steps: Array<[string, OperationStep['status']]> = [],
  error?: string,
): ApiOperation {
  return {
    id,
    environmentId: 'env-dev-ada',
    type: 'clone',
    status,
    steps: steps.map(([name, stepStatus]) => ({ name, status: stepStatus })),
    requestedBy: 'user:default/ada',
    createdAt: '2025-11-20T09:12:00.000Z',
    updatedAt: '2025-11-20T09:12:00.000Z',
    ...(error ? { error } : {}),
  };
}

/** A step of a task run by Ada, whose operations answer in turn. */
function setup(...answers: ApiOperation[]) {
  const getOperation = jest.fn();
  answers.forEach(answer => getOperation.mockResolvedValueOnce(answer));
  const environments = environmentsServiceMock.mock({ getOperation });
  const logger = mockServices.logger.mock();
  const ctx = {
    logger,
    getInitiatorCredentials: async () => credentials,
    signal: new AbortController().signal,
  };
  return { environments, getOperation, logger, ctx };
}

describe('waitForOperations', () => {
  afterEach(() => jest.useRealTimers());

  it('polls each operation in order, as the user who runs the task, until it succeeds', async () => {
    jest.useFakeTimers();
    const { environments, getOperation, logger, ctx } = setup(
      operation('op-clone', 'running', [
        ['plan', 'succeeded'],
        ['apply', 'running'],
      ]),
      operation('op-clone', 'succeeded', [
        ['plan', 'succeeded'],
        ['apply', 'succeeded'],
      ]),
      operation('op-update', 'succeeded'),
    );

    const done = waitForOperations(ctx, environments, [
      'op-clone',
      'op-update',
    ]);
    await jest.advanceTimersByTimeAsync(2000);
    await done;

    expect(getOperation.mock.calls).toEqual([
      ['op-clone', { credentials }],
      ['op-clone', { credentials }],
      ['op-update', { credentials }],
    ]);
    // Each step once, when it finished.
    expect(logger.info.mock.calls).toEqual([
      ['Step plan finished'],
      ['Step apply finished'],
    ]);
  });

  it("fails with the operation's error, and waits for no later one", async () => {
    const { environments, getOperation, ctx } = setup(
      operation('op-clone', 'failed', [], 'quota exceeded'),
    );
    await expect(
      waitForOperations(ctx, environments, ['op-clone', 'op-update']),
    ).rejects.toThrow('Operation clone failed: quota exceeded');
    expect(getOperation).toHaveBeenCalledTimes(1);
  });

  it('stops when the task is cancelled', async () => {
    const { environments, getOperation, ctx } = setup();
    const cancel = new AbortController();
    cancel.abort(new Error('task cancelled'));
    await expect(
      waitForOperations({ ...ctx, signal: cancel.signal }, environments, [
        'op-clone',
      ]),
    ).rejects.toThrow('task cancelled');
    expect(getOperation).not.toHaveBeenCalled();
  });
});
