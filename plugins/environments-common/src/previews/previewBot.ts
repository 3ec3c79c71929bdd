import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** Where the previews bot is configured; its users read it from there. */
export const PREVIEW_BOT_CONFIG_KEY = 'environments.github.actAs';

/** Where the bot of GitLab merge request previews is configured. */
export const GITLAB_PREVIEW_BOT_CONFIG_KEY = 'environments.gitlab.actAs';

/** Where the user that wakes environments on traffic is configured. */
export const WAKE_BOT_CONFIG_KEY = 'environments.wake.actAs';

/**
 * Every key that names a user Greenroom acts as for requests from outside
 * the portal (pull and merge request events, visits to a sleeping
 * environment). The `greenroom-bot` auth provider serves tokens of these
 * users only.
 */
export const BOT_CONFIG_KEYS = [
  PREVIEW_BOT_CONFIG_KEY,
  GITLAB_PREVIEW_BOT_CONFIG_KEY,
  WAKE_BOT_CONFIG_KEY,
];

/**
 * A bot user (the value of `key`) as a full, lower-case user entity ref, e.g.
 * `user:default/preview-bot` for `preview-bot`. Throws, naming the key, for
 * text that is not a user ref.
 */
export function parseBotUserRef(raw: string, key: string): string {
  let ref;
  try {
    ref = parseEntityRef(raw.trim(), {
      defaultKind: 'user',
      defaultNamespace: 'default',
    });
  } catch (e) {
    throw new Error(`Invalid ${key}: ${(e as Error).message}`);
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'user') {
    throw new Error(
      `Invalid ${key}: '${raw}' is not a user entity ref (e.g. user:default/preview-bot)`,
    );
  }
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}

/** The previews bot (`environments.github.actAs`); see {@link parseBotUserRef}. */
export function parsePreviewBotRef(raw: string): string {
  return parseBotUserRef(raw, PREVIEW_BOT_CONFIG_KEY);
}
