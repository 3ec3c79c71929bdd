import { z } from 'zod';
import {
  BASELINE_DATABASE_POLICIES,
  GREENROOM_API_VERSION,
} from '../../constants';
import { parseDuration } from '../../duration';
import { MAX_SERVICE_NAME_LENGTH, isValidServiceName } from '../../naming';
import {
  CLONE_DATA_POLICIES,
  cloneRequestSchema,
} from '../../clone/cloneRequest';
import {
  SEMVER_PATTERN,
  durationSchema,
  entityRefSchema,
  typeError,
} from '../../schemas/common';
import { environmentNameSchema } from '../../schemas/environment';
import { VARIABLE_KEY_PATTERN } from '../../schemas/variable';

/** The `kind` of a preview blueprint document. @public */
export const PREVIEW_BLUEPRINT_KIND = 'PreviewBlueprint';

/** At most this many services of the base in `spec.services`. @public */
export const MAX_PREVIEW_SERVICES = 20;
/** At most this many services from templates in `spec.add`. @public */
export const MAX_PREVIEW_ADDITIONS = 5;
/** At most this many entries in `spec.variables`. @public */
export const MAX_PREVIEW_VARIABLES = 50;
/** The longest `spec.ttl` a blueprint may ask for. @public */
export const MAX_PREVIEW_TTL = '30d';

/**
 * Variable names that hold credentials. A blueprint is committed to the
 * repository, which everyone who reads the code sees, so such values are
 * refused rather than deployed.
 */
const SECRET_KEY_PATTERN =
  /(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY|API_KEY|(^|_)KEY$)/;

const serviceNameSchema = z
  .string({ error: typeError('must be a string') })
  .refine(isValidServiceName, {
    error: `must be a service name (lower case letters, digits and "-", at most ${MAX_SERVICE_NAME_LENGTH} characters)`,
  });

/** Each name once: a second mention is reported at its own index. */
function uniqueNames<T>(nameOf: (item: T) => string, subPath: string[] = []) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const name = nameOf(item);
      if (seen.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, ...subPath],
          message: `names ${name} a second time`,
        });
      }
      seen.add(name);
    });
  };
}

/**
 * `servicetemplate:default/redis`, the short `redis`, each optionally with
 * `@<version>`: the ref normalised, and the version apart.
 */
const templateSchema = z
  .string({ error: typeError('must be a string') })
  .transform((value, ctx) => {
    const at = value.lastIndexOf('@');
    const ref = at < 0 ? value : value.slice(0, at);
    const version = at < 0 ? undefined : value.slice(at + 1);
    if (version !== undefined && !SEMVER_PATTERN.test(version)) {
      ctx.addIssue({
        code: 'custom',
        message: `has the version "${version.slice(
          0,
          40,
        )}", which is not a semantic version such as "1.3.0"`,
      });
      return z.NEVER;
    }
    const parsed = entityRefSchema('servicetemplate').safeParse(ref);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message });
      }
      return z.NEVER;
    }
    return { ref: parsed.data, ...(version !== undefined && { version }) };
  });

/** One service added from the ServiceTemplate catalog. */
const additionSchema = z.strictObject({
  /** The service's name in the preview. */
  name: serviceNameSchema,
  /** `servicetemplate:default/redis` or `redis`, optionally `@1.3.0`. */
  template: templateSchema,
  /** Values for the template's `spec.parameters` (checked when it is rendered). */
  parameters: z.record(z.string(), z.unknown()).default({}),
});

/**
 * A plain value, as YAML gives it: `on`, `256`, `true` are all text to the
 * service. A mapping or a list is refused; `{ secret: … }` says why.
 */
const variableValueSchema = z.unknown().transform((value, ctx) => {
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return String(value);
  }
  const looksSecret =
    value !== null &&
    typeof value === 'object' &&
    ('secret' in value || (value as { kind?: unknown }).kind === 'secret');
  ctx.addIssue({
    code: 'custom',
    message: looksSecret
      ? 'is a secret; a blueprint holds plain values only'
      : 'must be a plain value (text, a number or true/false)',
  });
  return z.NEVER;
});

const variablesSchema = z
  .record(
    z
      .string()
      .regex(VARIABLE_KEY_PATTERN, {
        error:
          'must be upper case letters, digits and underscores, not starting with a digit (e.g. FEATURE_X)',
      })
      .refine(key => !SECRET_KEY_PATTERN.test(key), {
        error: 'names a secret; a blueprint holds plain values only',
      }),
    variableValueSchema,
  )
  .refine(v => Object.keys(v).length <= MAX_PREVIEW_VARIABLES, {
    error: `must have at most ${MAX_PREVIEW_VARIABLES} variables`,
  });

const shareWithBaseSchema = z.strictObject({
  databases: z
    .enum(BASELINE_DATABASE_POLICIES, {
      error: typeError(
        `must be one of ${BASELINE_DATABASE_POLICIES.join(', ')}`,
      ),
    })
    .default('clone'),
});

/**
 * `false`, or `{ databases: clone | share }` as the clone request's
 * `baseline`. Not a union, so that a wrong `databases` is named as such.
 */
const shareSchema = z
  .unknown()
  .transform((value, ctx): false | z.infer<typeof shareWithBaseSchema> => {
    if (value === false) return false;
    if (value === null || typeof value !== 'object') {
      ctx.addIssue({
        code: 'custom',
        message: 'must be false or { databases: clone | share }',
      });
      return z.NEVER;
    }
    const result = shareWithBaseSchema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      ctx.addIssue({
        code: 'custom',
        path: issue.path,
        message: issue.message,
      });
    }
    return z.NEVER;
  });

const ttlSchema = durationSchema.refine(
  ttl => {
    try {
      return parseDuration(ttl) <= parseDuration(MAX_PREVIEW_TTL);
    } catch {
      return true; // durationSchema reports it
    }
  },
  { error: `must be at most ${MAX_PREVIEW_TTL}` },
);

/**
 * The `spec` of a preview blueprint: how the previews of a repository's pull
 * requests are made from their base environment. Every field is optional;
 * without them a preview deploys the repository's Component's services and
 * shares the rest of the base, with its own databases.
 *
 * @public
 */
export const previewBlueprintSpecSchema = z.strictObject({
  /**
   * The environment previews are cloned from; the Component's
   * `greenroom.dev/preview-base` annotation when omitted.
   */
  base: environmentNameSchema.optional(),
  /**
   * The base's services the preview deploys itself (by name); the services
   * that run the repository's Component when omitted.
   */
  services: z
    .array(serviceNameSchema, { error: typeError('must be a list of names') })
    .min(1, { error: 'must name at least one service' })
    .max(MAX_PREVIEW_SERVICES, {
      error: `must name at most ${MAX_PREVIEW_SERVICES} services`,
    })
    .superRefine(uniqueNames((name: string) => name))
    .optional(),
  /**
   * The base's other services are shared: the preview reaches them at the
   * base's hosts. `databases: clone` (the default) still gives the preview
   * its own databases, `share` reaches the base's. `false` clones every
   * service of the base instead.
   */
  share: shareSchema.default({ databases: 'clone' }),
  /** Services added from the ServiceTemplate catalog. */
  add: z
    .array(additionSchema, { error: typeError('must be a list') })
    .max(MAX_PREVIEW_ADDITIONS, {
      error: `must add at most ${MAX_PREVIEW_ADDITIONS} services`,
    })
    .superRefine(uniqueNames(a => a.name, ['name']))
    .default([]),
  /** Plain values set on the preview, e.g. feature flags. Never secrets. */
  variables: variablesSchema.default({}),
  /** How long a preview lives, e.g. `2d`; the previews' default when omitted. */
  ttl: ttlSchema.optional(),
  /** What the preview's own databases start with, as the clone request's. */
  dataPolicy: z
    .enum(CLONE_DATA_POLICIES, {
      error: typeError(`must be one of ${CLONE_DATA_POLICIES.join(', ')}`),
    })
    .optional(),
  /** Per database: its data policy and seed, as the clone request's `data`. */
  data: cloneRequestSchema.shape.data,
});

/**
 * A preview blueprint (`.greenroom/preview.yaml` in a repository). Unknown
 * keys are rejected so that typos surface as errors naming the field.
 *
 * @public
 */
export const previewBlueprintSchema = z.strictObject({
  apiVersion: z.literal(GREENROOM_API_VERSION, {
    error: typeError(`must be ${GREENROOM_API_VERSION}`),
  }),
  kind: z.literal(PREVIEW_BLUEPRINT_KIND, {
    error: typeError(`must be ${PREVIEW_BLUEPRINT_KIND}`),
  }),
  spec: previewBlueprintSpecSchema.default(() =>
    previewBlueprintSpecSchema.parse({}),
  ),
});

/** A parsed preview blueprint (defaults applied). @public */
export type PreviewBlueprint = z.infer<typeof previewBlueprintSchema>;
/** A preview blueprint as written. @public */
export type PreviewBlueprintInput = z.input<typeof previewBlueprintSchema>;
