import { z } from 'zod';
import { DATABASE_ENGINES, DATABASE_MODES, SERVICE_KINDS } from '../constants';
import { dataRulesSchema } from '../data/dataRules';
import { MAX_SERVICE_NAME_LENGTH, isValidServiceName } from '../naming';
import { entityRefSchema, object, semverSchema, typeError } from './common';
import {
  checkUniqueKeys,
  variableInputSchema,
  variableSchema,
} from './variable';

/** CPU as Kubernetes writes it: millicores `250m`, or cores `1`, `0.5`. */
export const CPU_PATTERN = /^(\d+m|\d+(\.\d+)?)$/;
/** Memory or storage as Kubernetes writes it: `256Mi`, `1Gi`, `512M`. */
export const MEMORY_PATTERN = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const HOSTNAME_PATTERN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/;

/** Resources a service gets when none are given. @public */
export const DEFAULT_SERVICE_RESOURCES = { cpu: '250m', memory: '256Mi' };

const portNumber = z
  .number({ error: typeError('must be a number between 1 and 65535') })
  .int({ error: 'must be a whole number between 1 and 65535' })
  .min(1, { error: 'must be between 1 and 65535' })
  .max(65535, { error: 'must be between 1 and 65535' });

const cpuSchema = z
  .string({ error: typeError('must be a string such as "250m" or "1"') })
  .regex(CPU_PATTERN, {
    error: 'must be a CPU quantity such as "250m" or "1"',
  });
const memorySchema = z
  .string({ error: typeError('must be a string such as "256Mi" or "1Gi"') })
  .regex(MEMORY_PATTERN, {
    error: 'must be a quantity such as "256Mi" or "1Gi"',
  });

function makeServiceSchema<V extends z.ZodType<{ key: string }>>(
  strict: boolean,
  variable: V,
) {
  return object(strict, {
    name: z
      .string({ error: typeError('must be a string') })
      .refine(isValidServiceName, {
        error: `must be lower case letters, digits and "-", start with a letter, end with a letter or digit, and have at most ${MAX_SERVICE_NAME_LENGTH} characters`,
      }),
    kind: z.enum(SERVICE_KINDS, {
      error: typeError(`must be one of ${SERVICE_KINDS.join(', ')}`),
    }),
    componentRef: entityRefSchema('component').optional(),
    template: object(strict, {
      ref: entityRefSchema('servicetemplate'),
      version: semverSchema,
      /** The form values it was rendered with, to render it again on upgrade. */
      parameters: z.record(z.string(), z.unknown()).optional(),
    }).optional(),
    image: object(strict, {
      repository: z
        .string({ error: typeError('must be a string') })
        .regex(/^[a-z0-9]([a-z0-9._/:-]*[a-z0-9])?$/, {
          error: 'must be an image repository such as "ghcr.io/acme/shop"',
        }),
      tag: z
        .string({ error: typeError('must be a string') })
        .regex(/^[\w][\w.-]{0,127}$/, {
          error: 'must be an image tag such as "1.4.2" or "latest"',
        })
        .optional(),
    }).optional(),
    git: object(strict, {
      repository: z.string().min(1, { error: 'must not be empty' }),
      branch: z.string().min(1, { error: 'must not be empty' }).optional(),
      path: z.string().optional(),
    }).optional(),
    ports: z
      .array(
        object(strict, {
          port: portNumber,
          public: z
            .boolean({ error: typeError('must be true or false') })
            .default(false),
        }),
      )
      .default([]),
    resources: object(strict, {
      cpu: cpuSchema.default(DEFAULT_SERVICE_RESOURCES.cpu),
      memory: memorySchema.default(DEFAULT_SERVICE_RESOURCES.memory),
      storage: memorySchema.optional(),
    }).default({ ...DEFAULT_SERVICE_RESOURCES }),
    replicas: z
      .number({ error: typeError('must be a number') })
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must be between 0 and 100' })
      .max(100, { error: 'must be between 0 and 100' })
      .default(1),
    database: object(strict, {
      engine: z.enum(DATABASE_ENGINES, {
        error: typeError(`must be one of ${DATABASE_ENGINES.join(', ')}`),
      }),
      version: z
        .string({ error: typeError('must be a string such as "16"') })
        .min(1, { error: 'must not be empty' }),
      mode: z
        .enum(DATABASE_MODES, {
          error: `must be one of ${DATABASE_MODES.join(', ')}`,
        })
        .default('container'),
      instanceClass: z.string().min(1).optional(),
      storageGb: z
        .number({ error: typeError('must be a number') })
        .int({ error: 'must be a whole number' })
        .min(1, { error: 'must be between 1 and 65536' })
        .max(65536, { error: 'must be between 1 and 65536' })
        .optional(),
      /** Which columns are sensitive, how a copy transforms them, which rows it copies, the seed. */
      data: dataRulesSchema.optional(),
    }).optional(),
    customDomains: z
      .array(
        z.string().regex(HOSTNAME_PATTERN, {
          error: 'must be a lower-case host name such as "shop.example.com"',
        }),
      )
      .default([]),
    variables: z.array(variable).default([]),
  }).superRefine((service, ctx) => {
    if (service.kind === 'database' && !service.database) {
      ctx.addIssue({
        code: 'custom',
        path: ['database'],
        message: 'is required for a database service (engine and version)',
      });
    }
    if (service.kind !== 'database' && service.database) {
      ctx.addIssue({
        code: 'custom',
        path: ['database'],
        message: `is only allowed on a database service, not on a ${service.kind}`,
      });
    }
    const ports = new Set<number>();
    service.ports.forEach((port, index) => {
      if (ports.has(port.port)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ports', index, 'port'],
          message: `duplicate port ${port.port}`,
        });
      }
      ports.add(port.port);
    });
    checkUniqueKeys(service.variables, ctx, ['variables']);
  });
}

/**
 * A service of an environment, as stored and returned. Defaults: no ports,
 * one replica, `250m` CPU and `256Mi` memory, no custom domains, no variables.
 *
 * @public
 */
export const serviceSchema = makeServiceSchema(false, variableSchema);
/** @public */
export type Service = z.infer<typeof serviceSchema>;

/**
 * A service as a user sends it: unknown keys are errors and built-in
 * variables are rejected.
 *
 * @public
 */
export const serviceInputSchema = makeServiceSchema(true, variableInputSchema);
/** @public */
export type ServiceInput = z.infer<typeof serviceInputSchema>;

/** Adds an issue for each service name that appears twice. */
export function checkUniqueServiceNames(
  services: ReadonlyArray<{ name: string }>,
  ctx: z.RefinementCtx,
) {
  const seen = new Set<string>();
  services.forEach((service, index) => {
    if (seen.has(service.name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['services', index, 'name'],
        message: `duplicate service name ${service.name}`,
      });
    }
    seen.add(service.name);
  });
}
