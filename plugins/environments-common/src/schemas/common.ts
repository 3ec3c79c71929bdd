import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { InvalidDurationError, parseDuration } from '../duration';

/**
 * An entity ref such as `group:default/team-shop` or the short `team-shop`,
 * normalised to the full lower-case form `kind:namespace/name`.
 *
 * @param defaultKind - kind assumed when the ref has none
 * @param allowedKinds - kinds accepted (lower case); defaults to the default kind
 * @public
 */
export function entityRefSchema(
  defaultKind: string,
  allowedKinds: readonly string[] = [defaultKind],
) {
  return (
    z
      .string({
        error: typeError('must be an entity ref such as "kind:namespace/name"'),
      })
      .trim()
      .min(1, { error: 'must not be empty' })
      .transform((value, ctx) => {
        try {
          const ref = parseEntityRef(value, {
            defaultKind,
            defaultNamespace: 'default',
          });
          if (!allowedKinds.includes(ref.kind.toLocaleLowerCase('en-US'))) {
            ctx.addIssue({
              code: 'custom',
              message: `must refer to ${allowedKinds
                .map(k => `a ${k}`)
                .join(' or ')}, not a ${ref.kind}`,
            });
            return z.NEVER;
          }
          return stringifyEntityRef(ref);
        } catch (error) {
          ctx.addIssue({
            code: 'custom',
            message: `is not a valid entity ref: ${(error as Error).message}`,
          });
          return z.NEVER;
        }
      })
      // Says what the transform yields, so that JSON Schema (the API's spec) has a type for it.
      .pipe(z.string())
  );
}

/** An ISO 8601 timestamp with `Z` or an offset, e.g. `2025-01-31T12:00:00.000Z`. @public */
export const timestampSchema = z.iso.datetime({
  offset: true,
  error: typeError(
    'must be an ISO 8601 timestamp such as "2025-01-31T12:00:00Z"',
  ),
});

/** A duration text such as `2h` or `1h30m` of at least one minute (kept as text). @public */
export const durationSchema = z.string().superRefine((value, ctx) => {
  try {
    if (parseDuration(value) < 60_000) {
      ctx.addIssue({ code: 'custom', message: 'must be at least 1m' });
    }
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message:
        error instanceof InvalidDurationError
          ? error.message
          : String((error as Error).message),
    });
  }
});

export { TEMPLATE_EXPRESSION } from '../templates/expressions';

/**
 * `z.object` or, for input, `z.strictObject` (unknown keys are rejected so
 * that typos surface as errors naming the field). Both parse to the same type.
 */
export function object<T extends z.ZodRawShape>(
  strict: boolean,
  shape: T,
): z.ZodObject<T> {
  return strict
    ? (z.strictObject(shape) as unknown as z.ZodObject<T>)
    : z.object(shape);
}

/** Semantic version 2.0.0 (https://semver.org), e.g. `1.2.3` or `2.0.0-rc.1`. */
export const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** A semantic version string. @public */
export const semverSchema = z
  .string({ error: typeError('must be a string') })
  .regex(SEMVER_PATTERN, {
    error: 'must be a semantic version such as "1.2.0"',
  });

/**
 * The error of a type check: "is required" when the field is missing,
 * otherwise `message`. (Checks such as `.min` only run on present values.)
 */
export function typeError(message: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? 'is required' : message;
}
