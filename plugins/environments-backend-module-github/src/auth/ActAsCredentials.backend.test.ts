import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { httpRouterServiceFactory } from '@backstage/backend-defaults/httpRouter';
import {
  AuthService,
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { BOT } from '../__testUtils__/actingAs';
import { ActAsCredentials } from '@greenroom/plugin-environments-node';

/** A plugin that keeps an ActAsCredentials made with its own services. */
function probe(
  pluginId: string,
  found: Record<string, { bot: ActAsCredentials; auth: AuthService }>,
) {
  return createBackendPlugin({
    pluginId,
    register(reg) {
      reg.registerInit({
        deps: { auth: coreServices.auth, discovery: coreServices.discovery },
        async init({ auth, discovery }) {
          found[pluginId] = {
            auth,
            bot: new ActAsCredentials({
              auth,
              discovery,
              actAs: BOT,
              configKey: 'environments.github.actAs',
            }),
          };
        },
      });
    },
  });
}

describe('ActAsCredentials with the real auth backend and the greenroom-bot provider', () => {
  it('gives the environments plugin user credentials of the bot, and no other plugin', async () => {
    const found: Record<string, { bot: ActAsCredentials; auth: AuthService }> =
      {};
    await startTestBackend({
      features: [
        import('@backstage/plugin-auth-backend'),
        import('@greenroom/plugin-auth-backend-module-greenroom-bot-provider'),
        probe('environments', found),
        probe('scaffolder', found),
        // Real tokens and their checks, not the mocks.
        authServiceFactory,
        httpAuthServiceFactory,
        httpRouterServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: { providers: { 'greenroom-bot': {} } },
            environments: { github: { actAs: BOT } },
          },
        }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'preview-bot' },
              spec: {},
            },
          ],
        }),
      ],
    });

    const { auth, bot } = found.environments;
    const credentials = await bot.get();
    expect(credentials.principal).toEqual(
      expect.objectContaining({ type: 'user', userEntityRef: BOT }),
    );
    expect(credentials.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    // What the environments API receives from the module: the bot, a user.
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'environments',
    });
    expect((await auth.authenticate(token)).principal).toEqual(
      expect.objectContaining({ type: 'user', userEntityRef: BOT }),
    );

    await expect(found.scaffolder.bot.get()).rejects.toThrow(
      'the auth backend answered 403: Only the environments plugin may act as user:default/preview-bot',
    );
  });
});
