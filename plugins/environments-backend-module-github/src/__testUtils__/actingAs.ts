import { mockCredentials } from '@backstage/backend-test-utils';
import type { ActingCredentials } from '@greenroom/plugin-environments-node';

export const BOT = 'user:default/preview-bot';

/** Credentials of a user, as the auth module would give them. */
export function actingAs(user = BOT): ActingCredentials {
  return { actAs: user, get: async () => mockCredentials.user(user) };
}
