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
  PREVIEW_BOT_CONFIG_KEY,
  parsePreviewBotRef,
} from '@greenroom/plugin-environments-common';

/** The provider's id: its routes are under `/api/auth/greenroom-bot`. @public */
export const BOT_AUTH_PROVIDER_ID = 'greenroom-bot';

/** The only caller that gets the bot's tokens. @public */
export const ENVIRONMENTS_PLUGIN = 'plugin:environments';

const ACT_AS_KEY = PREVIEW_BOT_CONFIG_KEY;

/** `environments.github.actAs` as a full lower-case user ref; undefined when unset. */
function readActAs(config: Config): string | undefined {
  const raw = config.getOptionalString(ACT_AS_KEY);
  return raw?.trim() ? parsePreviewBotRef(raw) : undefined;
}

/**
 * Lets a request through only when its bearer token is a service token of
 * the environments plugin aimed at the auth plugin (checked by the auth
 * plugin's own AuthService): no user, no other plugin, no token aimed
 * elsewhere. Anything else is a 401 (no or bad token) or 403.
 */
function environmentsPluginOnly(auth: AuthService, actAs: string) {
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
      const credentials = await auth.authenticate(token);
      if (
        !auth.isPrincipal(credentials, 'service') ||
        credentials.principal.subject !== ENVIRONMENTS_PLUGIN
      ) {
        throw new NotAllowedError(
          `Only the environments plugin may act as ${actAs}`,
        );
      }
      return { result: { caller: credentials.principal.subject } };
    },
  });
}

/**
 * Signs in as exactly `actAs`, a User of the catalog, so its ownership
 * (groups) comes from the catalog like any user's.
 */
function signInAs(
  actAs: string,
  logger: LoggerService,
): SignInResolver<{ caller: string }> {
  return async ({ result }, ctx) => {
    try {
      const identity = await ctx.signInWithCatalogUser({ entityRef: actAs });
      logger.info(`Issued a token of ${actAs} to ${result.caller}`);
      return identity;
    } catch (error) {
      if ((error as Error)?.name === 'NotFoundError') {
        throw new NotFoundError(
          `User '${actAs}' (${ACT_AS_KEY}) is not in the catalog`,
        );
      }
      throw error;
    }
  };
}

/**
 * The `greenroom-bot` auth provider: `GET /api/auth/greenroom-bot/refresh`
 * answers a Backstage user token of `environments.github.actAs` to the
 * environments plugin, so the GitHub previews module acts as that user and
 * the organisation's permission policy decides what it may do. Off while
 * `environments.github.actAs` is unset; the auth backend mounts it only when
 * `auth.providers.greenroom-bot` exists (it may be empty).
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
        const actAs = readActAs(config);
        if (!actAs) {
          logger.info(
            `${ACT_AS_KEY} is not set; the ${BOT_AUTH_PROVIDER_ID} auth provider is off`,
          );
          return;
        }
        if (!config.has(`auth.providers.${BOT_AUTH_PROVIDER_ID}`)) {
          logger.warn(
            `auth.providers.${BOT_AUTH_PROVIDER_ID} is not configured, so the auth backend does not mount the provider and pull request previews cannot act as ${actAs}; add \`auth.providers.${BOT_AUTH_PROVIDER_ID}: {}\``,
          );
        }
        providers.registerProvider({
          providerId: BOT_AUTH_PROVIDER_ID,
          factory: createProxyAuthProviderFactory({
            authenticator: environmentsPluginOnly(auth, actAs),
            signInResolver: signInAs(actAs, logger),
          }),
        });
      },
    });
  },
});
