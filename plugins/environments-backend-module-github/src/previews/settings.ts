import { Config } from '@backstage/config';
import {
  PREVIEW_BOT_CONFIG_KEY,
  parseDuration,
  parsePreviewBotRef,
} from '@greenroom/plugin-environments-common';

/** How previews behave, from `environments.github` and `app.baseUrl`. */
export interface PreviewSettings {
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

export const DEFAULT_PREVIEW_TTL = '3d';

/**
 * Reads `environments.github.actAs`: a user entity ref, in full lower-case
 * form. Missing or not a user ref fails, naming the key.
 */
export function readActAs(config: Config): string {
  const raw = config.getOptionalString(PREVIEW_BOT_CONFIG_KEY);
  if (!raw?.trim()) {
    throw new Error(
      `${PREVIEW_BOT_CONFIG_KEY} is required when environments.github is set: the user entity ref the previews bot acts as, e.g. user:default/preview-bot`,
    );
  }
  return parsePreviewBotRef(raw);
}

/** Reads the settings; a malformed value fails at startup, naming the key. */
export function readPreviewSettings(config: Config): PreviewSettings {
  const previewTtl =
    config.getOptionalString('environments.github.previewTtl') ??
    DEFAULT_PREVIEW_TTL;
  try {
    parseDuration(previewTtl);
  } catch (e) {
    throw new Error(
      `Invalid environments.github.previewTtl: ${(e as Error).message}`,
    );
  }
  const actAs = readActAs(config);
  const allowedBases = config.getOptionalStringArray(
    'environments.github.allowedBases',
  );
  return {
    previewTtl,
    appBaseUrl: config.getString('app.baseUrl').replace(/\/$/, ''),
    actAs,
    ...(allowedBases && { allowedBases }),
  };
}
