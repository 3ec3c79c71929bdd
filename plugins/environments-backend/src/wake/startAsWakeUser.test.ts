import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { StoredEnvironment } from '../storage/types';
import { startAsWakeUser } from './startAsWakeUser';

const WAKE_BOT = 'user:default/wake-bot';
const environment = { id: 'id-1', name: 'pr-acme-shop-7' } as StoredEnvironment;

function setup(result: AuthorizeResult) {
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(async () => [{ result }]) as any,
  });
  const auditor = mockServices.auditor.mock();
  const lifecycle = jest.fn(async () => ({
    environment,
    operation: { id: 'op-start' },
  }));
  const start = startAsWakeUser({
    credentials: {
      actAs: WAKE_BOT,
      get: async () => mockCredentials.user(WAKE_BOT),
    },
    permissions,
    auditor,
    service: { lifecycle } as any,
  });
  return { start, permissions, auditor, lifecycle };
}

describe('startAsWakeUser', () => {
  it('starts as the wake user once the policy allows it, audited', async () => {
    const { start, permissions, auditor, lifecycle } = setup(
      AuthorizeResult.ALLOW,
    );
    await expect(start(environment, 'wake-id-1-7')).resolves.toEqual({
      id: 'op-start',
    });
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'environments.environment.lifecycle',
          }),
          resourceRef: 'pr-acme-shop-7',
        },
      ],
      { credentials: mockCredentials.user(WAKE_BOT) },
    );
    expect(lifecycle).toHaveBeenCalledWith(
      'pr-acme-shop-7',
      'start',
      undefined,
      {
        actor: WAKE_BOT,
        idempotencyKey: 'wake-id-1-7',
      },
    );
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'environment-wake',
        meta: { name: 'pr-acme-shop-7', actAs: WAKE_BOT },
      }),
    );
  });

  it('starts nothing when the policy denies the wake user', async () => {
    const { start, lifecycle } = setup(AuthorizeResult.DENY);
    await expect(start(environment, 'k')).rejects.toThrow(
      "user:default/wake-bot (environments.wake.actAs) may not start environment 'pr-acme-shop-7'",
    );
    expect(lifecycle).not.toHaveBeenCalled();
  });
});
