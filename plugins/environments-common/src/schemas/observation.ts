import { z } from 'zod';
import { SERVICE_PHASES } from '../constants';
import { timestampSchema } from './common';

/**
 * What the runtime last saw of one service: the answer to "is it up, which
 * image runs, where do I open it, and if not, why not".
 *
 * @public
 */
export const serviceObservationSchema = z.object({
  phase: z.enum(SERVICE_PHASES),
  replicas: z
    .object({
      ready: z.number().int().min(0),
      desired: z.number().int().min(0),
    })
    .optional(),
  /** The image actually running, which may differ from the one asked for during a rollout. */
  image: z.string().optional(),
  /** Addresses a browser can open. */
  publicUrls: z.array(z.string()),
  /** Addresses other services of the environment use. */
  internalUrls: z.array(z.string()),
  /** The last problem, in words (crash loop, image pull, unschedulable, failed job). */
  problem: z.string().optional(),
  /** When the phase last changed. */
  lastTransitionAt: timestampSchema,
  observedAt: timestampSchema,
});

/** @public */
export type ServiceObservation = z.infer<typeof serviceObservationSchema>;

/**
 * An object the runtime owns that no longer matches what Greenroom applied:
 * deleted or changed out of band. Re-applying the environment repairs it.
 *
 * @public
 */
export const driftFindingSchema = z.object({
  /** The object, `<Kind>/<name>`. */
  resource: z.string(),
  service: z.string().optional(),
  change: z.enum(['missing', 'modified']),
  detail: z.string().optional(),
});

/** @public */
export type DriftFinding = z.infer<typeof driftFindingSchema>;

/**
 * What was last observed of an environment as a whole: when, what drifted,
 * whether observing it fails, and where other plugins find its objects.
 *
 * @public
 */
export const environmentObservationSchema = z.object({
  /** The last successful observation. */
  observedAt: timestampSchema.optional(),
  drift: z.array(driftFindingSchema),
  /** Failed observations in a row (the runtime did not answer). */
  failures: z.number().int().min(0),
  lastError: z.string().optional(),
  /** For the environment's catalog entity, e.g. where its pods are. */
  entityAnnotations: z.record(z.string(), z.string()),
});

/** @public */
export type EnvironmentObservation = z.infer<
  typeof environmentObservationSchema
>;

/**
 * An environment's observation with each service's, as the backend keeps
 * them: what the API adds to its answers.
 *
 * @public
 */
export interface ObservedEnvironment {
  observation: EnvironmentObservation;
  services: ReadonlyMap<string, ServiceObservation>;
}
