import {
  type ApiEnvironment,
  DEFAULT_PREVIEW_BLUEPRINT_PATH,
  type PreviewBlueprint,
  type PreviewPlan,
  blueprintErrorsMarkdown,
  parsePreviewBlueprint,
  previewFromBlueprint,
  servicesOfComponent,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentsService } from '@greenroom/plugin-environments-node';
import type { Head, PreviewTarget } from './previewTarget';
import type { PreviewSettings } from './settings';

/** Why nothing is deployed: a line for the comment, and details (escaped Markdown) under it. */
export interface PreviewRefusal {
  refused: string;
  details?: string;
}

/**
 * What the change request's preview is: its repository's blueprint, read at
 * the head commit (the default preview when there is none), planned against
 * the base. A blueprint may name the base (`spec.base`), which then replaces
 * the Component's. Refused, with the blueprint's problems or the reason,
 * when it cannot be made; nothing is changed here.
 */
export async function planPreview(
  deps: { environments: EnvironmentsService; settings: PreviewSettings },
  target: PreviewTarget,
  head: Pick<Head, 'headSha'>,
): Promise<{ plan: PreviewPlan } | PreviewRefusal> {
  const path = target.blueprintPath ?? DEFAULT_PREVIEW_BLUEPRINT_PATH;
  const where = `the preview blueprint \`${path}\` at \`${head.headSha.slice(
    0,
    7,
  )}\``;
  let blueprint: PreviewBlueprint | undefined;
  const text = await target.provider.readFile(target.pr, head.headSha, path);
  if (text !== undefined) {
    const read = parsePreviewBlueprint(text);
    if ('errors' in read) {
      return {
        refused: `${where} has problems; nothing was deployed`,
        details: blueprintErrorsMarkdown(read.errors),
      };
    }
    blueprint = read.blueprint;
    if (blueprint.spec.base) target.base = blueprint.spec.base;
  }
  const base = await baseOf(deps, target);
  if ('refused' in base) return base;
  const plan = previewFromBlueprint({
    blueprint,
    base,
    componentServices: target.componentRef
      ? servicesOfComponent(base.services, target.componentRef)
      : [],
    name: target.name,
    ttlDefault: deps.settings.previewTtl,
  });
  if (plan.errors.length > 0) {
    return {
      refused: `${where} does not fit \`${base.name}\`; nothing was deployed`,
      details: blueprintErrorsMarkdown(plan.errors),
    };
  }
  return { plan };
}

/**
 * The base, when it may be cloned into a preview: among `allowedBases` when
 * that is set, readable by the bot, and never a production environment.
 */
async function baseOf(
  deps: { environments: EnvironmentsService; settings: PreviewSettings },
  target: PreviewTarget,
): Promise<ApiEnvironment | PreviewRefusal> {
  const name = target.base!;
  const { allowedBases, configKey } = deps.settings;
  if (allowedBases && !allowedBases.includes(name)) {
    return {
      refused: `\`${name}\` is not an allowed preview base (${configKey}.allowedBases: ${
        allowedBases.join(', ') || 'none'
      }); nothing was deployed`,
    };
  }
  const env = await deps.environments.getEnvironment(name, {
    credentials: target.credentials,
  });
  if (!env) {
    return {
      refused: `the preview base \`${name}\` does not exist, or the previews bot may not read it; nothing was deployed`,
    };
  }
  if (env.mode === 'production') {
    return {
      refused: `\`${name}\` is a production environment, which is never a preview base; nothing was deployed`,
    };
  }
  return env;
}
