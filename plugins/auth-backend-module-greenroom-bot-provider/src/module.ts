import {
  AuthService,
  coreServices,
  createBackendModule,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthenticationError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
  getBearerTokenFromAuthorizationHeader,
  SignInResolver,
} from '@backstage/plugin-auth-node';
import {
  BOT_CONFIG_KEYS,
  parseBotUserRef,
} from '@greenroom/plugin-environments-common';

/** The provider's id: its routes are under `/api/auth/greenroom-bot`. @public */
export const BOT_AUTH_PROVIDER_ID = 'greenroom-bot';

/** The only caller that gets the bot's tokens. @public */
export const ENVIRONMENTS_PLUGIN = 'plugin:environments';

/**
 * The users the environments plugin may act as, each a full lower-case user
 * ref with the key that names it (`environments.github.actAs`,
 * `environments.wake.actAs`); the first configured is the default.
 */
function readBotUsers(config: Config): Map<string, string> {
  const users = new Map<string, string>();
  for (const key of BOT_CONFIG_KEYS) {
    const raw = config.getOptionalString(key);
    if (raw?.trim()) {
      const user = parseBotUserRef(raw, key);
      if (!users.has(user)) users.set(user, key);
    }
  }
  return users;
}

/**
 * Lets a request through only when its bearer token is a service token of
 * the environments plugin aimed at the auth plugin (checked by the auth
 * plugin's own AuthService): no user, no other plugin, no token aimed
 * elsewhere. Anything else is a 401 (no or bad token) or 403. The user it
 * asks for (`?actAs=`) must be one of the configured bot users; without it,
 * the first one.
 */
function environmentsPluginOnly(auth: AuthService, users: Map<string, string>) {
  const [defaultUser] = users.keys();
  return createProxyAuthenticator({
    defaultProfileTransform: async () => ({ profile: {} }),
    initialize: () => undefined,
    async authenticate({ req }) {
      const token = getBearerTokenFromAuthorizationHeader(
        req.headers.authorization,
      );
      if (!token) {
        throw new AuthenticationError(
          `The ${BOT_AUTH_PROVIDER_ID} provider needs a service token of the environments plugin`,
        );
      }
      const asked =
        typeof req.query.actAs === 'string'
          ? req.query.actAs.toLocaleLowerCase('en-US')
          : defaultUser;
      const credentials = await auth.authenticate(token);
      if (
        !auth.isPrincipal(credentials, 'service') ||
        credentials.principal.subject !== ENVIRONMENTS_PLUGIN
      ) {
        throw new NotAllowedError(
          `Only the environments plugin may act as ${asked}`,
        );
      }
      if (!users.has(asked)) {
        throw new NotAllowedError(
          `${asked} is not a user the environments plugin may act as (${BOT_CONFIG_KEYS.join(
            ', ',
          )})`,
        );
      }
      return {
        result: {
          caller: credentials.principal.subject,
          actAs: asked,
          key: users.get(asked)!,
        },
      };
    },
  });
}

/**
 * Signs in as exactly the asked bot user, a User of the catalog, so its
 * ownership (groups) comes from the catalog like any user's.
 */
function signInAsBot(
  logger: LoggerService,
): SignInResolver<{ caller: string; actAs: string; key: string }> {
  return async ({ result }, ctx) => {
    try {
      const identity = await ctx.signInWithCatalogUser({
        entityRef: result.actAs,
      });
      logger.info(`Issued a token of ${result.actAs} to ${result.caller}`);
      return identity;
    } catch (error) {
      if ((error as Error)?.name === 'NotFoundError') {
        throw new NotFoundError(
          `User '${result.actAs}' (${result.key}) is not in the catalog`,
        );
      }
      throw error;
    }
  };
}

/**
 * The `greenroom-bot` auth provider: `GET /api/auth/greenroom-bot/refresh`
 * answers a Backstage user token of a bot user (`environments.github.actAs`
 * for pull request previews, `environments.wake.actAs` for waking on
 * traffic; `?actAs=` picks one) to the environments plugin, so what comes
 * from outside the portal acts as that user and the organisation's
 * permission policy decides what it may do. Off while no bot user is set;
 * the auth backend mounts it only when `auth.providers.greenroom-bot` exists
 * (it may be empty).
 *
 * @public
 */
export const authModuleGreenroomBotProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'greenroom-bot-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ providers, config, auth, logger }) {
        const users = readBotUsers(config);
        if (users.size === 0) {
          logger.info(
            `None of ${BOT_CONFIG_KEYS.join(
              ', ',
            )} is set; the ${BOT_AUTH_PROVIDER_ID} auth provider is off`,
          );
          return;
        }
        const names = [...users.keys()].join(', ');
        if (!config.has(`auth.providers.${BOT_AUTH_PROVIDER_ID}`)) {
          logger.warn(
            `auth.providers.${BOT_AUTH_PROVIDER_ID} is not configured, so the auth backend does not mount the provider and Greenroom cannot act as ${names}; add \`auth.providers.${BOT_AUTH_PROVIDER_ID}: {}\``,
          );
        }
        providers.registerProvider({
          providerId: BOT_AUTH_PROVIDER_ID,
          factory: createProxyAuthProviderFactory({
            authenticator: environmentsPluginOnly(auth, users),
            signInResolver: signInAsBot(logger),
          }),
        });
      },
    });
  },
});
