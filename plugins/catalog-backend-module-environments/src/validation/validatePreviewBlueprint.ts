import { parsePreviewBlueprint } from '@greenroom/plugin-environments-common';
import type { ServiceTemplateIssue } from './issues';

/**
 * The checks a preview blueprint (`.greenroom/preview.yaml`) gets before a
 * pull request uses it: YAML syntax and every field of the schema, each
 * problem naming its field, its line in `text` and how to fix it. Whether
 * its services exist is known only against the base, when a preview is made.
 *
 * @public
 */
export function validatePreviewBlueprint(text: string): {
  errors: Array<ServiceTemplateIssue & { line?: number }>;
} {
  const result = parsePreviewBlueprint(text);
  if ('blueprint' in result) return { errors: [] };
  return {
    errors: result.errors.map(({ field, message, fix, line }) => ({
      path: field,
      message,
      fix,
      ...(line !== undefined && { line }),
    })),
  };
}
