import { z } from 'zod';
import { BASELINE_DATABASE_POLICIES, ENVIRONMENT_MODES } from '../constants';
import { dataSeedSchema } from '../data/dataRules';
import { MAX_SERVICE_NAME_LENGTH, isValidServiceName } from '../naming';
import { durationSchema, entityRefSchema, typeError } from '../schemas/common';
import {
  environmentNameSchema,
  pullRequestSchema,
} from '../schemas/environment';
import { checkUniqueKeys, variableKeySchema } from '../schemas/variable';

/**
 * What happens to the data of the clone's databases: `empty` starts them
 * empty, `snapshot` restores a snapshot of the source's (managed databases
 * only), `seed` runs the seed named by the request, the service or its
 * template, `copy` copies the source's data through the service's data rules
 * (PostgreSQL and MySQL).
 *
 * @public
 */
export const CLONE_DATA_POLICIES = [
  'empty',
  'snapshot',
  'seed',
  'copy',
] as const;
/** @public */
export type CloneDataPolicy = (typeof CLONE_DATA_POLICIES)[number];

/**
 * The body of `POST /environments/{name}/clone`. Unknown keys are rejected
 * so that typos surface as errors naming the field.
 *
 * @public
 */
export const cloneRequestSchema = z.strictObject({
  name: environmentNameSchema,
  mode: z.enum(ENVIRONMENT_MODES, {
    error: typeError(`must be one of ${ENVIRONMENT_MODES.join(', ')}`),
  }),
  title: z
    .string({ error: typeError('must be a string') })
    .max(200, { error: 'must be at most 200 characters' })
    .optional(),
  /**
   * The clone's owner (a group or user); the source's owner when omitted.
   * Unless the caller holds `environments.admin`, it must be one of the
   * caller's own groups or the caller.
   */
  owner: entityRefSchema('group', ['group', 'user']).optional(),
  /** Replaces the mode's default time to live, e.g. `3d`. */
  ttl: durationSchema.optional(),
  dataPolicy: z
    .enum(CLONE_DATA_POLICIES, {
      error: typeError(`must be one of ${CLONE_DATA_POLICIES.join(', ')}`),
    })
    .default('empty'),
  /**
   * Per database service (by name): its own data policy over `dataPolicy`,
   * and the seed to run (over the service's) for `seed`.
   */
  data: z
    .record(
      z
        .string()
        .refine(isValidServiceName, { error: 'must be a service name' }),
      z.strictObject({
        policy: z
          .enum(CLONE_DATA_POLICIES, {
            error: typeError(
              `must be one of ${CLONE_DATA_POLICIES.join(', ')}`,
            ),
          })
          .optional(),
        seed: dataSeedSchema.optional(),
      }),
    )
    .optional(),
  /** Clone only these services of the source (by name); all when omitted. */
  services: z
    .array(
      z
        .string({ error: typeError('must be a string') })
        .refine(isValidServiceName, {
          error: `must be a service name (lower case, at most ${MAX_SERVICE_NAME_LENGTH} characters)`,
        }),
    )
    .min(1, { error: 'must name at least one service' })
    .optional(),
  /**
   * Share the services left out of `services` with the source instead of
   * dropping them: the clone deploys only its services and reaches the rest
   * at the source's hosts. `databases: share` also reaches the source's
   * databases (writes land there); `clone` (the default) deploys the clone's own.
   */
  baseline: z
    .strictObject({
      databases: z
        .enum(BASELINE_DATABASE_POLICIES, {
          error: typeError(
            `must be one of ${BASELINE_DATABASE_POLICIES.join(', ')}`,
          ),
        })
        .default('clone'),
    })
    .optional(),
  /**
   * Plain values to set on the clone (environment scope), over the copied
   * ones of the same key: e.g. what a preview blueprint asks for. Secrets
   * are never sent in a clone.
   */
  variables: z
    .array(
      z.strictObject({
        key: variableKeySchema,
        kind: z.literal('value', { error: 'must be "value"' }),
        value: z
          .string({ error: typeError('must be a string') })
          .max(4096, { error: 'must be at most 4096 characters' }),
      }),
    )
    .max(100, { error: 'must have at most 100 entries' })
    .superRefine((variables, ctx) => checkUniqueKeys(variables, ctx, []))
    .optional(),
  /**
   * The pull request a preview is made for: the clone's origin becomes
   * `{ type: 'preview', pullRequest }` instead of `clone`.
   */
  pullRequest: pullRequestSchema.optional(),
  /** Answer with the plan and change nothing. */
  dryRun: z.boolean({ error: typeError('must be true or false') }).optional(),
});
/** A parsed clone request (defaults applied). @public */
export type CloneRequest = z.infer<typeof cloneRequestSchema>;
/** A clone request as a caller writes it (`dataPolicy` may be left out). @public */
export type CloneRequestInput = z.input<typeof cloneRequestSchema>;
