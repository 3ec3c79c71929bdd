import { Config } from '@backstage/config';
import { parseDuration } from '@greenroom/plugin-environments-common';

/** How previews behave, from `environments.github` and `app.baseUrl`. */
export interface PreviewSettings {
  /** Time to live of a preview, renewed by each push, e.g. `3d`. */
  previewTtl: string;
  /** The frontend's base URL, for links to environment pages. */
  appBaseUrl: string;
}

export const DEFAULT_PREVIEW_TTL = '3d';

/** Reads the settings; a malformed `previewTtl` fails at startup, naming the key. */
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
  return {
    previewTtl,
    appBaseUrl: config.getString('app.baseUrl').replace(/\/$/, ''),
  };
}
