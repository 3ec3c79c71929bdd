import { z } from 'zod';
import { isValidTimeZone, parseActiveHours } from '../schedule';
import { durationSchema, object, typeError } from './common';

/** 0..100; higher is stopped later when capacity is short. */
const prioritySchema = z
  .number({ error: typeError('must be a number between 0 and 100') })
  .int({ error: 'must be a whole number between 0 and 100' })
  .min(0, { error: 'must be between 0 and 100' })
  .max(100, { error: 'must be between 0 and 100' });

function makePolicySchema<P extends z.ZodType<number | undefined>>(
  strict: boolean,
  priority: P,
) {
  return object(strict, {
    /** Stop after this long without activity, e.g. `2h`. */
    idleAfter: durationSchema.optional(),
    /** Run only inside these hours. */
    schedule: object(strict, {
      timezone: z
        .string({
          error: typeError('must be a time zone such as "Europe/Paris"'),
        })
        .refine(isValidTimeZone, {
          error: 'must be an IANA time zone such as "Europe/Paris" or "UTC"',
        }),
      active: z
        .string({
          error: typeError("must be a string such as 'Mon-Fri 08:00-20:00'"),
        })
        .superRefine((value, ctx) => {
          try {
            parseActiveHours(value);
          } catch (error) {
            ctx.addIssue({ code: 'custom', message: (error as Error).message });
          }
        }),
    }).optional(),
    /** Delete this long after creation (or the last extension), e.g. `3d`. */
    ttl: durationSchema.optional(),
    priority,
  });
}

/**
 * The priority of a policy that sets none (and no mode default applies).
 *
 * @public
 */
export const DEFAULT_POLICY_PRIORITY = 50;

/**
 * The lifecycle policy of an environment: idle timeout, active hours, time to
 * live and priority. Durations are kept as text (`2h`, `1h30m`); read them
 * with `parseDuration`.
 *
 * @public
 */
export const policySchema = makePolicySchema(
  false,
  prioritySchema.default(DEFAULT_POLICY_PRIORITY),
);
/** @public */
export type Policy = z.infer<typeof policySchema>;

/**
 * A policy as a user sends it: every field optional (omitted fields take the
 * mode's defaults), unknown keys rejected.
 *
 * @public
 */
// Input leaves the priority out so that the mode's default applies.
export const policyInputSchema = makePolicySchema(
  true,
  prioritySchema.optional(),
);
/** @public */
export type PolicyInput = z.infer<typeof policyInputSchema>;
