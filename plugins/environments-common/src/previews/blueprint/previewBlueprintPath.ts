import { DEFAULT_PREVIEW_BLUEPRINT_PATH } from '../../constants';

const DEFAULT_FILE = DEFAULT_PREVIEW_BLUEPRINT_PATH.replace(/\.yaml$/, '');

/**
 * Whether a file is a preview blueprint by its path: the default
 * `.greenroom/preview.yaml` (or `.yml`) at any depth, so that validators
 * recognise it before reading it.
 *
 * @public
 */
export function isPreviewBlueprintPath(file: string): boolean {
  const normalised = `/${file.replace(/\\/g, '/')}`;
  return [`/${DEFAULT_FILE}.yaml`, `/${DEFAULT_FILE}.yml`].some(end =>
    normalised.endsWith(end),
  );
}
