import type { CloneRequestInput } from '../../clone/cloneRequest';
import type { Environment } from '../../schemas/environment';
import { type PreviewBlueprintIssue, blueprintIssue } from './issues';
import type { PreviewBlueprint } from './previewBlueprintSchema';

/** A service the preview gets from the ServiceTemplate catalog. @public */
export interface PreviewAddition {
  name: string;
  /** `servicetemplate:default/redis` */
  template: string;
  /** The template version asked for; the catalog's current one when absent. */
  version?: string;
  parameters: Record<string, unknown>;
}

/**
 * How to make a pull request's preview: the clone request with its plain
 * variables (the caller adds `title` and `pullRequest`), and the services to
 * add from templates after the clone. Use it only when `errors` is empty.
 *
 * @public
 */
export interface PreviewPlan {
  clone: Omit<CloneRequestInput, 'pullRequest' | 'dryRun' | 'title'>;
  additions: PreviewAddition[];
  errors: PreviewBlueprintIssue[];
}

/** @public */
export interface PreviewFromBlueprintOptions {
  /** The repository's blueprint; without one the preview is made as by default. */
  blueprint?: PreviewBlueprint;
  /** The environment the preview is cloned from. */
  base: Pick<Environment, 'name' | 'services'>;
  /** The base's services that run the repository's Component (the default `spec.services`). */
  componentServices: readonly string[];
  /** The preview's name. */
  name: string;
  /** The ttl when the blueprint sets none, e.g. the bot's configured one. */
  ttlDefault?: string;
}

/** The base's service names, for a fix that says what may be written. */
function known(base: PreviewFromBlueprintOptions['base']): string {
  return base.services.map(s => s.name).join(', ') || 'none';
}

/** The services to deploy and how the rest is shared, checked against the base. */
function planServices(
  options: PreviewFromBlueprintOptions,
  errors: PreviewBlueprintIssue[],
): Pick<PreviewPlan['clone'], 'services' | 'baseline'> {
  const { blueprint, base, componentServices } = options;
  const share = blueprint
    ? blueprint.spec.share
    : { databases: 'clone' as const };
  const listed = blueprint?.spec.services;
  if (share === false) {
    if (listed) {
      errors.push(
        blueprintIssue(
          'spec.share',
          'is false, which clones every service of the base, so spec.services has no effect',
          'remove spec.services to clone the whole base, or remove "share: false" to deploy only the services listed',
        ),
      );
    }
    return {};
  }
  const names = new Set(base.services.map(s => s.name));
  if (listed) {
    listed.forEach((name, index) => {
      if (!names.has(name)) {
        errors.push(
          blueprintIssue(
            `spec.services[${index}]`,
            `${base.name} has no service named ${name}`,
            `list services of ${base.name}: ${known(base)}`,
          ),
        );
      }
    });
    return { services: listed, baseline: share };
  }
  const services = componentServices.filter(name => names.has(name));
  // Nothing of the base runs the Component: without a blueprint there is
  // nothing to choose, so the whole base is cloned as before.
  if (services.length === 0 && !blueprint) return {};
  if (services.length === 0) {
    errors.push(
      blueprintIssue(
        'spec.services',
        `no service of ${base.name} runs the repository's Component`,
        `list the services the preview deploys under spec.services (services of ${
          base.name
        }: ${known(base)})`,
      ),
    );
    return { baseline: share };
  }
  return { services, baseline: share };
}

/**
 * Plans a pull request's preview from the repository's preview blueprint and
 * its base: by default (no blueprint, or one that leaves the fields out) the
 * preview deploys the services that run the repository's Component and shares
 * the rest of the base, with databases of its own. Each problem names the
 * blueprint's field: a service the base does not have, an added service whose
 * name the base already uses, a base other than the one given. Pure.
 *
 * @public
 */
export function previewFromBlueprint(
  options: PreviewFromBlueprintOptions,
): PreviewPlan {
  const { blueprint, base, name, ttlDefault } = options;
  const errors: PreviewBlueprintIssue[] = [];
  const spec = blueprint?.spec;
  if (spec?.base && spec.base !== base.name) {
    errors.push(
      blueprintIssue(
        'spec.base',
        `is ${spec.base}, but the preview is being made from ${base.name}`,
        "make spec.base and the Component's greenroom.dev/preview-base annotation agree, or remove one",
      ),
    );
  }
  const services = planServices(options, errors);

  const taken = new Set(base.services.map(s => s.name));
  const additions = (spec?.add ?? []).map((addition, index) => {
    if (taken.has(addition.name)) {
      errors.push(
        blueprintIssue(
          `spec.add[${index}].name`,
          `${base.name} already has a service named ${addition.name}`,
          `choose another name, or list ${addition.name} under spec.services to deploy the base's own`,
        ),
      );
    }
    return {
      name: addition.name,
      template: addition.template.ref,
      ...(addition.template.version && {
        version: addition.template.version,
      }),
      parameters: addition.parameters,
    };
  });

  const ttl = spec?.ttl ?? ttlDefault;
  const variables = Object.entries(spec?.variables ?? {}).map(
    ([key, value]) => ({ key, kind: 'value' as const, value }),
  );
  return {
    clone: {
      name,
      mode: 'preview',
      ...services,
      ...(ttl && { ttl }),
      ...(spec?.dataPolicy && { dataPolicy: spec.dataPolicy }),
      ...(spec?.data && { data: spec.data }),
      ...(variables.length > 0 && { variables }),
    },
    additions,
    errors,
  };
}
