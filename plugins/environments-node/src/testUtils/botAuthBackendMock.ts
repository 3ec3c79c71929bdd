import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';

/**
 * A stand-in for the auth backend with the greenroom-bot provider, for
 * `startTestBackend`: hands a token of `user` to the environments plugin
 * only, as `ActAsCredentials` asks for it.
 *
 * @public
 */
export function botAuthBackendMock(user: string) {
  return createBackendPlugin({
    pluginId: 'auth',
    register(reg) {
      reg.registerInit({
        deps: { http: coreServices.httpRouter, auth: coreServices.auth },
        async init({ http, auth }) {
          http.use(async (req, res, next) => {
            if (req.path !== '/greenroom-bot/refresh') {
              next();
              return;
            }
            const token = req.headers.authorization?.replace(/^Bearer /, '');
            const caller = await auth
              .authenticate(token ?? '')
              .catch(() => undefined);
            if (
              !caller ||
              !auth.isPrincipal(caller, 'service') ||
              caller.principal.subject !== 'plugin:environments'
            ) {
              res.status(403).json({ error: { message: 'no' } });
              return;
            }
            res.json({
              backstageIdentity: {
                token: mockCredentials.user.token(user),
                expiresInSeconds: 3600,
              },
            });
          });
          http.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
        },
      });
    },
  });
}
