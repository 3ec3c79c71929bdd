import { BASELINE_DATABASE_POLICIES } from '../../constants';
import { CLONE_DATA_POLICIES } from '../../clone/cloneRequest';
import {
  MAX_PREVIEW_ADDITIONS,
  MAX_PREVIEW_SERVICES,
  MAX_PREVIEW_TTL,
} from './previewBlueprintSchema';

/** Where the fixes point for what they cannot say in a line. */
export const PREVIEW_BLUEPRINT_GUIDE = 'docs/previews.md';

/**
 * One problem with a preview blueprint: the field (`spec.services[1]`), what
 * is wrong with it, how to fix it, and the line of the file when known.
 * Never holds a variable's value.
 *
 * @public
 */
export interface PreviewBlueprintIssue {
  /** The dotted path, e.g. `spec.add[0].template`; `(yaml)` for the syntax. */
  field: string;
  message: string;
  fix: string;
  /** 1-based line in the blueprint's text. */
  line?: number;
}

/** How to fix a field, by its path (indices written `[]`) and the problem. */
function fixFor(field: string, message: string): string {
  const general = field.replace(/\[\d+\]/g, '[]');
  if (message === 'unknown field') {
    return `remove it or correct its spelling (${PREVIEW_BLUEPRINT_GUIDE} lists every field)`;
  }
  if (field === 'apiVersion' || field === 'kind' || field === '(root)') {
    return 'start the file with "apiVersion: greenroom.dev/v1alpha1" and "kind: PreviewBlueprint", then a spec';
  }
  if (general.startsWith('spec.variables')) {
    return /secret/.test(message)
      ? 'remove it from the blueprint: set secrets on the environment in Greenroom, never in the repository'
      : 'write each variable as NAME: value, e.g. FEATURE_X: "on"';
  }
  switch (general) {
    case 'spec.base':
      return 'name the environment previews are cloned from, e.g. "staging"';
    case 'spec.services':
    case 'spec.services[]':
      return `list 1 to ${MAX_PREVIEW_SERVICES} service names of the base, each once, e.g. [storefront]`;
    case 'spec.share':
    case 'spec.share.databases':
      return `write "share: { databases: ${BASELINE_DATABASE_POLICIES.join(
        ' }" or "share: { databases: ',
      )} }", or "share: false" to clone every service of the base`;
    case 'spec.add':
      return `list at most ${MAX_PREVIEW_ADDITIONS} services, each with a name and a template`;
    case 'spec.add[].name':
      return 'name the service: lower case letters, digits and "-", each name once, e.g. "cache"';
    case 'spec.add[].template':
      return 'name a ServiceTemplate, e.g. "servicetemplate:default/redis" or "redis@1.3.0"';
    case 'spec.add[].parameters':
      return "give the template's parameters as a mapping, e.g. { maxMemory: 256mb }";
    case 'spec.ttl':
      return `write a duration of at most ${MAX_PREVIEW_TTL}, e.g. "2d" or "1d12h"`;
    case 'spec.dataPolicy':
      return `write one of ${CLONE_DATA_POLICIES.join(', ')}`;
    case 'spec.data':
      return 'give each database its policy and seed, e.g. { orders-db: { policy: seed, seed: { sql: "insert …" } } }';
    default:
      return `see ${PREVIEW_BLUEPRINT_GUIDE}`;
  }
}

/** An issue with the fix for its field, unless one is given. */
export function blueprintIssue(
  field: string,
  message: string,
  fix?: string,
): PreviewBlueprintIssue {
  return { field, message, fix: fix ?? fixFor(field, message) };
}
