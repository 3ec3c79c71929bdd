import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';

/**
 * The auth provider of `@greenroom/plugin-auth-backend-module-greenroom-bot-provider`.
 *
 * @public
 */
export const BOT_AUTH_PROVIDER_ID = 'greenroom-bot';

/** Renew this long before the token expires (at most half its life). */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * Gives the credentials Greenroom acts with for requests from outside the
 * portal.
 *
 * @public
 */
export interface ActingCredentials {
  /** The user the credentials are for, e.g. `user:default/preview-bot`. */
  readonly actAs: string;
  get(): Promise<BackstageCredentials>;
}

/**
 * Why the credentials of a bot user could not be had.
 *
 * @public
 */
export class ActAsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActAsError';
  }
}

/**
 * Real Backstage user credentials of a bot user (`environments.github.actAs`,
 * `environments.wake.actAs`), so every call made for a request from outside
 * the portal is authorized as that user by the organisation's permission
 * policy (never the plugin's own service credentials, which pass every
 * check).
 *
 * A backend plugin cannot mint user tokens, so the token comes from the auth
 * backend's `greenroom-bot` provider
 * (`@greenroom/plugin-auth-backend-module-greenroom-bot-provider`), which
 * hands it only to the `environments` plugin: this class asks with a plugin
 * request token aimed at `auth`, checks the token with `auth.authenticate`
 * and keeps the credentials until shortly before they expire.
 *
 * @public
 */
export class ActAsCredentials implements ActingCredentials {
  #cached?: { credentials: BackstageCredentials; renewAt: number };
  #pending?: Promise<BackstageCredentials>;

  constructor(
    private readonly options: {
      auth: AuthService;
      discovery: DiscoveryService;
      actAs: string;
      /** The config key that names `actAs`, for messages. */
      configKey: string;
      now?: () => number;
    },
  ) {}

  get actAs(): string {
    return this.options.actAs;
  }

  async get(): Promise<BackstageCredentials> {
    const now = (this.options.now ?? Date.now)();
    if (this.#cached && now < this.#cached.renewAt) {
      return this.#cached.credentials;
    }
    // One request at a time: concurrent events share it.
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #fetch(): Promise<BackstageCredentials> {
    const { auth, discovery, actAs, configKey } = this.options;
    const now = this.options.now ?? Date.now;
    const { token: requestToken } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'auth',
    });
    const url = `${await discovery.getBaseUrl(
      'auth',
    )}/${BOT_AUTH_PROVIDER_ID}/refresh?actAs=${encodeURIComponent(actAs)}`;
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { authorization: `Bearer ${requestToken}` },
      });
    } catch (error) {
      throw new ActAsError(
        `Could not reach the auth backend for the credentials of ${actAs} (${configKey}): ${
          (error as Error).message
        }`,
      );
    }
    if (!res.ok) throw await refusal(res, actAs, configKey);
    const body = (await res.json()) as {
      backstageIdentity?: { token?: string; expiresInSeconds?: number };
    };
    const token = body.backstageIdentity?.token;
    if (!token) {
      throw new ActAsError(
        `The auth backend's ${BOT_AUTH_PROVIDER_ID} provider answered without a token for ${actAs}`,
      );
    }
    const credentials = await auth.authenticate(token);
    const principal = credentials.principal as {
      type?: string;
      userEntityRef?: string;
    };
    if (
      principal.type !== 'user' ||
      principal.userEntityRef?.toLocaleLowerCase('en-US') !== actAs
    ) {
      throw new ActAsError(
        `The auth backend's ${BOT_AUTH_PROVIDER_ID} provider issued a token for ${
          principal.userEntityRef ?? principal.type
        }, not for ${actAs} (${configKey}); is its actAs configured alike?`,
      );
    }
    const issuedAt = now();
    const expiresAt =
      credentials.expiresAt?.getTime() ??
      issuedAt + (body.backstageIdentity?.expiresInSeconds ?? 0) * 1000;
    const renewBefore = Math.min(RENEW_BEFORE_MS, (expiresAt - issuedAt) / 2);
    this.#cached = { credentials, renewAt: expiresAt - renewBefore };
    return credentials;
  }
}

/** A clear error for a refused token request, with what to do about it. */
async function refusal(
  res: Response,
  actAs: string,
  configKey: string,
): Promise<ActAsError> {
  let remote = '';
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    remote = body.error?.message ?? '';
  } catch {
    remote = '';
  }
  const answered = `the auth backend answered ${res.status}${
    remote ? `: ${remote}` : ''
  }`;
  if (res.status === 404 && /not in the catalog/i.test(remote)) {
    return new ActAsError(
      `${actAs} (${configKey}) is not a User in the catalog; add the User entity (${answered})`,
    );
  }
  if (res.status === 404 && /^No auth provider registered/i.test(remote)) {
    return new ActAsError(
      `The auth backend does not serve the ${BOT_AUTH_PROVIDER_ID} provider: add \`auth.providers.${BOT_AUTH_PROVIDER_ID}: {}\` to the config (${answered})`,
    );
  }
  if (res.status === 404) {
    return new ActAsError(
      `Cannot get credentials for ${actAs} (${configKey}): install @greenroom/plugin-auth-backend-module-greenroom-bot-provider in the backend and add \`auth.providers.${BOT_AUTH_PROVIDER_ID}: {}\` to the config (${answered})`,
    );
  }
  return new ActAsError(
    `Cannot get credentials for ${actAs} (${configKey}): ${answered}`,
  );
}
