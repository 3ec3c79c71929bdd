import { z } from 'zod';
import { VARIABLE_KINDS } from '../constants';
import { object, typeError } from './common';

/** Keys are environment-variable names: `DATABASE_URL`, `_PRIVATE`. @public */
export const VARIABLE_KEY_PATTERN = /^[A-Z_][A-Z0-9_]*$/;

/** @public */
export const variableKeySchema = z
  .string({ error: typeError('must be a string') })
  .max(128, { error: 'must be at most 128 characters' })
  .regex(VARIABLE_KEY_PATTERN, {
    error:
      'must be upper case letters, digits and underscores, not starting with a digit (e.g. DATABASE_URL)',
  });

/** The kinds a user may set: built-ins are computed, never set. */
const INPUT_VARIABLE_KINDS = ['value', 'secret', 'alias'] as const;

function makeVariableSchema<K extends readonly [string, ...string[]]>(
  kinds: K,
  strict: boolean,
) {
  const builtinNote = kinds.includes('builtin')
    ? ''
    : ' (built-in variables are computed, not set)';
  return object(strict, {
    key: variableKeySchema,
    kind: z.enum(kinds, {
      error: typeError(
        `must be one of ${kinds.map(k => `"${k}"`).join(', ')}${builtinNote}`,
      ),
    }),
    value: z.string({ error: typeError('must be a string') }).optional(),
    aliasOf: variableKeySchema.optional(),
  }).superRefine((variable, ctx) => {
    const needsValue = variable.kind === 'value' || variable.kind === 'secret';
    if (needsValue && variable.value === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `is required for a ${variable.kind} variable`,
      });
    }
    if (variable.kind === 'alias') {
      if (variable.aliasOf === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['aliasOf'],
          message: 'is required for an alias variable',
        });
      }
      if (variable.value !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: 'must not be set on an alias variable (use aliasOf)',
        });
      }
    } else if (variable.aliasOf !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['aliasOf'],
        message: `must only be set on an alias variable, not a ${variable.kind} variable`,
      });
    }
  });
}

/**
 * A variable as stored and returned: `value` for value/secret, `aliasOf` for
 * alias. Also accepts `builtin` (computed variables listed by the engine).
 *
 * @public
 */
export const variableSchema = makeVariableSchema(VARIABLE_KINDS, false);
/** @public */
export type Variable = z.infer<typeof variableSchema>;

/**
 * A variable as a user sends it: like {@link variableSchema}, but `builtin`
 * is rejected and unknown keys are errors.
 *
 * @public
 */
export const variableInputSchema = makeVariableSchema(
  INPUT_VARIABLE_KINDS,
  true,
);
/** @public */
export type VariableInput = z.infer<typeof variableInputSchema>;

/** Adds an issue for each key that appears twice in a list of variables. */
export function checkUniqueKeys(
  variables: ReadonlyArray<{ key: string }>,
  ctx: z.RefinementCtx,
  path: PropertyKey[],
) {
  const seen = new Set<string>();
  variables.forEach((variable, index) => {
    if (seen.has(variable.key)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, index, 'key'],
        message: `duplicate variable ${variable.key}`,
      });
    }
    seen.add(variable.key);
  });
}
