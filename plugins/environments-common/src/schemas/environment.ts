import { z } from 'zod';
import {
  BASELINE_DATABASE_POLICIES,
  DESIRED_STATES,
  ENVIRONMENT_MODES,
  ENVIRONMENT_STATUSES,
  ORIGIN_TYPES,
} from '../constants';
import {
  MAX_ENVIRONMENT_NAME_LENGTH,
  RESERVED_ENVIRONMENT_NAMES,
  isValidEnvironmentName,
} from '../naming';
import {
  durationSchema,
  entityRefSchema,
  object,
  timestampSchema,
  typeError,
} from './common';
import { policyInputSchema, policySchema } from './policy';
import {
  checkUniqueServiceNames,
  serviceInputSchema,
  serviceSchema,
} from './service';
import {
  checkUniqueKeys,
  variableInputSchema,
  variableSchema,
} from './variable';

/** @public */
export const environmentNameSchema = z
  .string({ error: typeError('must be a string') })
  .refine(isValidEnvironmentName, {
    error: `must be lower case letters, digits and "-", start with a letter, end with a letter or digit, and have at most ${MAX_ENVIRONMENT_NAME_LENGTH} characters`,
  })
  .refine(name => !RESERVED_ENVIRONMENT_NAMES.includes(name), {
    error: `is reserved for a page of the portal (${RESERVED_ENVIRONMENT_NAMES.join(
      ', ',
    )}); choose another name`,
  });

const modeSchema = z.enum(ENVIRONMENT_MODES, {
  error: typeError(`must be one of ${ENVIRONMENT_MODES.join(', ')}`),
});

function makeRuntimeSchema(strict: boolean) {
  return object(strict, {
    /** `local`, `kubernetes`, or any runtime a module registers. */
    type: z
      .string({ error: typeError('must be a string') })
      .regex(/^[a-z][a-z0-9-]*$/, {
        error: 'must be a runtime id such as "local" or "kubernetes"',
      }),
    /** e.g. the cluster name for `kubernetes`. */
    target: z.string().min(1, { error: 'must not be empty' }).optional(),
  });
}

/** @public */
export const runtimeSchema = makeRuntimeSchema(false);
/** @public */
export type Runtime = z.infer<typeof runtimeSchema>;

/** @public */
export const pullRequestSchema = z.object({
  /** e.g. `github` */
  provider: z.string().min(1, { error: 'must not be empty' }),
  /** `owner/name` */
  repository: z.string().regex(/^[^/\s]+\/[^/\s]+$/, {
    error: 'must be "owner/name"',
  }),
  number: z
    .number({ error: typeError('must be a number') })
    .int({ error: 'must be a whole number' })
    .positive({ error: 'must be positive' }),
  branch: z.string().min(1, { error: 'must not be empty' }),
  headSha: z.string().regex(/^[0-9a-f]{7,64}$/, {
    error: 'must be a hexadecimal commit sha',
  }),
  url: z.url({ error: typeError('must be a URL') }),
});
/** @public */
export type PullRequest = z.infer<typeof pullRequestSchema>;

/** Where an environment came from. @public */
export const originSchema = z
  .object({
    type: z.enum(ORIGIN_TYPES, {
      error: typeError(`must be one of ${ORIGIN_TYPES.join(', ')}`),
    }),
    sourceEnvironmentId: z.string().min(1).optional(),
    pullRequest: pullRequestSchema.optional(),
  })
  .superRefine((origin, ctx) => {
    if (origin.type === 'clone' && !origin.sourceEnvironmentId) {
      ctx.addIssue({
        code: 'custom',
        path: ['sourceEnvironmentId'],
        message: 'is required for a clone',
      });
    }
    if (origin.type === 'preview' && !origin.pullRequest) {
      ctx.addIssue({
        code: 'custom',
        path: ['pullRequest'],
        message: 'is required for a preview',
      });
    }
  });
/** @public */
export type Origin = z.infer<typeof originSchema>;

/**
 * The base an environment shares: services of the base that the environment
 * does not deploy keep resolving to the base's hosts (`<service>-<base>`).
 *
 * @public
 */
export const baselineSchema = z.object({
  environmentId: z.string().min(1, { error: 'must not be empty' }),
  /** The base's name, as shown; the id is what links them. */
  environment: environmentNameSchema,
  databases: z.enum(BASELINE_DATABASE_POLICIES, {
    error: typeError(`must be one of ${BASELINE_DATABASE_POLICIES.join(', ')}`),
  }),
});
/** @public */
export type Baseline = z.infer<typeof baselineSchema>;

/**
 * Something the user must look at, e.g. what a clone could not carry over:
 * `{ item: 'secret:STRIPE_KEY', reason: 'secrets are not copied' }`.
 *
 * @public
 */
export const attentionItemSchema = z.object({
  item: z.string().min(1, { error: 'must not be empty' }),
  reason: z.string(),
});
/** @public */
export type AttentionItem = z.infer<typeof attentionItemSchema>;

/**
 * An environment as stored and returned by the API. Entity refs are
 * normalised to `kind:namespace/name`.
 *
 * @public
 */
export const environmentSchema = z
  .object({
    id: z.string().min(1, { error: 'must not be empty' }),
    name: environmentNameSchema,
    title: z.string(),
    system: entityRefSchema('system'),
    owner: entityRefSchema('group', ['group', 'user']),
    mode: modeSchema,
    runtime: runtimeSchema,
    services: z.array(serviceSchema),
    variables: z.array(variableSchema),
    policy: policySchema,
    desiredState: z.enum(DESIRED_STATES, {
      error: typeError(`must be one of ${DESIRED_STATES.join(', ')}`),
    }),
    status: z.enum(ENVIRONMENT_STATUSES, {
      error: typeError(`must be one of ${ENVIRONMENT_STATUSES.join(', ')}`),
    }),
    origin: originSchema,
    /** Set when the environment deploys only some services and shares the rest with a base. */
    baseline: baselineSchema.optional(),
    attention: z.array(attentionItemSchema),
    expiresAt: timestampSchema.optional(),
    lastActivityAt: timestampSchema,
    createdBy: z.string().min(1, { error: 'must not be empty' }),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    /** Counts changes to what the user asked for (optimistic concurrency). */
    revision: z
      .number({ error: typeError('must be a number') })
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must be 0 or more' }),
  })
  .superRefine((environment, ctx) => {
    checkUniqueServiceNames(environment.services, ctx);
    checkUniqueKeys(environment.variables, ctx, ['variables']);
  });
/** @public */
export type Environment = z.infer<typeof environmentSchema>;

/**
 * What a user sends to create an environment. Unknown keys are rejected at
 * every level so that typos surface as errors naming the field. Omitted
 * `title`, `runtime` and `policy` fields take defaults on the server.
 *
 * @public
 */
export const environmentInputSchema = z
  .strictObject({
    name: environmentNameSchema,
    title: z
      .string()
      .max(200, { error: 'must be at most 200 characters' })
      .optional(),
    system: entityRefSchema('system'),
    owner: entityRefSchema('group', ['group', 'user']),
    mode: modeSchema,
    runtime: makeRuntimeSchema(true).optional(),
    services: z.array(serviceInputSchema).default([]),
    variables: z.array(variableInputSchema).default([]),
    policy: policyInputSchema.optional(),
    /** Time to live, e.g. `3d`: the same as `policy.ttl`, as a clone takes it. */
    ttl: durationSchema.optional(),
    expiresAt: timestampSchema.optional(),
  })
  .superRefine((input, ctx) => {
    checkUniqueServiceNames(input.services, ctx);
    checkUniqueKeys(input.variables, ctx, ['variables']);
    if (input.ttl !== undefined && input.policy?.ttl !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ttl'],
        message: 'give either ttl or policy.ttl, not both',
      });
    }
  });
/** @public */
export type EnvironmentInput = z.infer<typeof environmentInputSchema>;
