import { z } from 'zod';
import { dataRulesSchema } from '../data/dataRules';
import {
  DATABASE_ENGINES,
  DATABASE_MODES,
  SERVICE_KINDS,
  SERVICE_TEMPLATE_LIFECYCLES,
  SERVICE_TEMPLATE_TYPES,
} from '../constants';
import { TEMPLATE_EXPRESSION, semverSchema, typeError } from './common';
import { CPU_PATTERN, MEMORY_PATTERN } from './service';
import { VARIABLE_KEY_PATTERN } from './variable';

/** A string holding a `${{ parameters.x }}` expression, filled in when the template is used. */
const expression = z.string().regex(TEMPLATE_EXPRESSION, {
  error: 'must be a value or a "${{ parameters.name }}" expression',
});

/** The value itself, or an expression that gives it. */
function templated<T extends z.ZodType>(schema: T) {
  return z.union([schema, expression]);
}

const patternOrExpression = (pattern: RegExp, example: string) =>
  z.string().refine(v => pattern.test(v) || TEMPLATE_EXPRESSION.test(v), {
    error: `must be like "${example}" or a "\${{ parameters.name }}" expression`,
  });

/**
 * The service defaults of a ServiceTemplate: a partial Service in which
 * values may be `${{ parameters.x }}` expressions.
 *
 * @public
 */
export const serviceTemplateServiceSchema = z.strictObject({
  name: z.string().min(1).optional(),
  kind: templated(z.enum(SERVICE_KINDS)).optional(),
  image: z
    .strictObject({ repository: z.string().min(1), tag: z.string().optional() })
    .optional(),
  git: z
    .strictObject({
      repository: z.string().min(1).optional(),
      branch: z.string().optional(),
      path: z.string().optional(),
    })
    .optional(),
  ports: z
    .array(
      z.strictObject({
        port: templated(z.number().int().min(1).max(65535)),
        public: templated(z.boolean()).optional(),
      }),
    )
    .optional(),
  resources: z
    .strictObject({
      cpu: patternOrExpression(CPU_PATTERN, '250m').optional(),
      memory: patternOrExpression(MEMORY_PATTERN, '256Mi').optional(),
      storage: patternOrExpression(MEMORY_PATTERN, '1Gi').optional(),
    })
    .optional(),
  replicas: templated(z.number().int().min(0).max(100)).optional(),
  database: z
    .strictObject({
      engine: templated(z.enum(DATABASE_ENGINES)).optional(),
      version: z.string().min(1).optional(),
      mode: templated(z.enum(DATABASE_MODES)).optional(),
      instanceClass: z.string().optional(),
      storageGb: templated(z.number().int().min(1).max(65536)).optional(),
      /** Data rules, checked as written (no expressions). */
      data: dataRulesSchema.optional(),
    })
    .optional(),
  customDomains: z.array(z.string()).optional(),
  variables: z
    .array(
      z.strictObject({
        key: z.string().regex(VARIABLE_KEY_PATTERN, {
          error: 'must be upper case letters, digits and underscores',
        }),
        kind: z.enum(['value', 'secret', 'alias'], {
          error: typeError('must be one of "value", "secret", "alias"'),
        }),
        value: z.string().optional(),
        aliasOf: z.string().optional(),
      }),
    )
    .optional(),
});
/** @public */
export type ServiceTemplateService = z.infer<
  typeof serviceTemplateServiceSchema
>;

/**
 * The `spec` of a ServiceTemplate entity (see the `ServiceTemplate` kind and
 * its JSON schema, which the catalog uses; this is the same shape for code).
 *
 * @public
 */
export const serviceTemplateSpecSchema = z.strictObject({
  owner: z.string().min(1, { error: 'must not be empty' }),
  type: z.enum(SERVICE_TEMPLATE_TYPES, {
    error: typeError(`must be one of ${SERVICE_TEMPLATE_TYPES.join(', ')}`),
  }),
  version: semverSchema,
  lifecycle: z.enum(SERVICE_TEMPLATE_LIFECYCLES, {
    error: typeError(
      `must be one of ${SERVICE_TEMPLATE_LIFECYCLES.join(', ')}`,
    ),
  }),
  /** A JSON Schema (object) that drives the form. */
  parameters: z.record(z.string(), z.unknown()).optional(),
  service: serviceTemplateServiceSchema,
  links: z
    .array(
      z.strictObject({
        url: z.string().min(1, { error: 'must not be empty' }),
        title: z.string().optional(),
        icon: z.string().optional(),
      }),
    )
    .optional(),
});
/** @public */
export type ServiceTemplateSpec = z.infer<typeof serviceTemplateSpecSchema>;
