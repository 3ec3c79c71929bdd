import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** Where the previews bot is configured; its users read it from there. */
export const PREVIEW_BOT_CONFIG_KEY = 'environments.github.actAs';

/**
 * The previews bot (`environments.github.actAs`) as a full, lower-case user
 * entity ref, e.g. `user:default/preview-bot` for `preview-bot`. Throws,
 * naming the key, for text that is not a user ref.
 */
export function parsePreviewBotRef(raw: string): string {
  let ref;
  try {
    ref = parseEntityRef(raw.trim(), {
      defaultKind: 'user',
      defaultNamespace: 'default',
    });
  } catch (e) {
    throw new Error(
      `Invalid ${PREVIEW_BOT_CONFIG_KEY}: ${(e as Error).message}`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'user') {
    throw new Error(
      `Invalid ${PREVIEW_BOT_CONFIG_KEY}: '${raw}' is not a user entity ref (e.g. user:default/preview-bot)`,
    );
  }
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}
