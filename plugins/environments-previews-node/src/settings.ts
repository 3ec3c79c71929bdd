import type { Config } from '@backstage/config';
import {
  parseBotUserRef,
  parseDuration,
} from '@greenroom/plugin-environments-common';

/**
 * How previews behave, from a provider's block (`environments.github`,
 * `environments.gitlab`) and `app.baseUrl`.
 *
 * @public
 */
export interface PreviewSettings {
  /** Where they were read, e.g. `environments.github`, for messages. */
  configKey: string;
  /** Time to live of a preview, renewed by each push, e.g. `3d`. */
  previewTtl: string;
  /** The frontend's base URL, for links to environment pages. */
  appBaseUrl: string;
  /**
   * The user the module acts as towards the environments API and the
   * catalog, e.g. `user:default/preview-bot` (full, lower-case ref).
   */
  actAs: string;
  /** The environments that may be preview bases; undefined: any (but production). */
  allowedBases?: string[];
}

/** @public */
export const DEFAULT_PREVIEW_TTL = '3d';

/**
 * Reads `<configKey>.actAs`: a user entity ref, in full lower-case form.
 * Missing or not a user ref fails, naming the key.
 *
 * @public
 */
export function readActAs(config: Config, configKey: string): string {
  const key = `${configKey}.actAs`;
  const raw = config.getOptionalString(key);
  if (!raw?.trim()) {
    throw new Error(
      `${key} is required when ${configKey} is set: the user entity ref the previews bot acts as, e.g. user:default/preview-bot`,
    );
  }
  return parseBotUserRef(raw, key);
}

/**
 * Reads the settings under `configKey`; a malformed value fails at startup,
 * naming the key.
 *
 * @public
 */
export function readPreviewSettings(
  config: Config,
  configKey: string,
): PreviewSettings {
  const previewTtl =
    config.getOptionalString(`${configKey}.previewTtl`) ?? DEFAULT_PREVIEW_TTL;
  try {
    parseDuration(previewTtl);
  } catch (e) {
    throw new Error(`Invalid ${configKey}.previewTtl: ${(e as Error).message}`);
  }
  const actAs = readActAs(config, configKey);
  const allowedBases = config.getOptionalStringArray(
    `${configKey}.allowedBases`,
  );
  return {
    configKey,
    previewTtl,
    appBaseUrl: config.getString('app.baseUrl').replace(/\/$/, ''),
    actAs,
    ...(allowedBases && { allowedBases }),
  };
}
