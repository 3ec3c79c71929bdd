import { z } from 'zod';
import { typeError } from '../schemas/common';
import { columnKey, tableKey } from './columnKeys';

/**
 * How a column's values are rewritten when data is copied into a clone.
 * Every transform is deterministic for one copy (a keyed hash of the value),
 * so equal values stay equal: joins and unique constraints still hold.
 *
 * - `email`: `user-<hash>@example.invalid`
 * - `name`: a made-up first and last name picked by the hash
 * - `phone`: `+1 555 01xx xxxx`-style number from the hash
 * - `hash`: hex HMAC-SHA256 of the value
 * - `null`: SQL NULL
 * - `fixed`: the rule's `value`
 * - `keep`: unchanged (says a sensitive column may be copied as it is)
 *
 * @public
 */
export const COLUMN_TRANSFORMS = [
  'email',
  'name',
  'phone',
  'hash',
  'null',
  'fixed',
  'keep',
] as const;
/** @public */
export type ColumnTransform = (typeof COLUMN_TRANSFORMS)[number];

const IDENTIFIER = '[A-Za-z_][A-Za-z0-9_$]{0,62}';
/** `table` or `schema.table` (PostgreSQL's `public` and MySQL's database when left out). */
export const TABLE_REF_PATTERN = new RegExp(
  `^${IDENTIFIER}(\\.${IDENTIFIER})?$`,
);
/** `table.column` or `schema.table.column`. */
export const COLUMN_REF_PATTERN = new RegExp(
  `^${IDENTIFIER}\\.${IDENTIFIER}(\\.${IDENTIFIER})?$`,
);

const columnRefSchema = z
  .string({ error: typeError('must be a string such as "users.email"') })
  .regex(COLUMN_REF_PATTERN, {
    error:
      'must name a column as "table.column" or "schema.table.column" (letters, digits, "_")',
  });
const tableRefSchema = z
  .string({ error: typeError('must be a string such as "orders"') })
  .regex(TABLE_REF_PATTERN, {
    error:
      'must name a table as "table" or "schema.table" (letters, digits, "_")',
  });

/**
 * A row filter is one SQL condition run read-only against the source:
 * statement separators and comments are refused so it cannot become more.
 */
const sqlConditionSchema = z
  .string({ error: typeError('must be a string (an SQL condition)') })
  .min(1, { error: 'must not be empty' })
  .max(2000, { error: 'must be at most 2000 characters' })
  // NUL too: no SQL text holds one.
  // eslint-disable-next-line no-control-regex
  .refine(s => !/;|--|\/\*|\u0000/.test(s), {
    error: 'must be one SQL condition: no ";", "--" or "/*"',
  });

/** @public */
export const columnRuleSchema = z
  .strictObject({
    column: columnRefSchema,
    transform: z.enum(COLUMN_TRANSFORMS, {
      error: typeError(`must be one of ${COLUMN_TRANSFORMS.join(', ')}`),
    }),
    /** The value of a `fixed` transform. */
    value: z
      .string({ error: typeError('must be a string') })
      .max(1000, { error: 'must be at most 1000 characters' })
      .optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.transform === 'fixed' && rule.value === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'is required for the fixed transform',
      });
    }
    if (rule.transform !== 'fixed' && rule.value !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `is only allowed for the fixed transform, not ${rule.transform}`,
      });
    }
  });
/** @public */
export type ColumnRule = z.infer<typeof columnRuleSchema>;

/**
 * Which rows of a table are copied. Tables not listed are copied whole;
 * rows whose foreign keys point at rows left out are dropped too, so the
 * copy's foreign keys hold.
 *
 * @public
 */
export const tableSubsetSchema = z
  .strictObject({
    table: tableRefSchema,
    /** An SQL condition on the table's columns, e.g. `created_at > now() - interval '30 days'`. */
    where: sqlConditionSchema.optional(),
    /** At most this many rows (0 copies the table empty). */
    limit: z
      .number({ error: typeError('must be a number') })
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must be between 0 and 1000000000' })
      .max(1_000_000_000, { error: 'must be between 0 and 1000000000' })
      .optional(),
  })
  .refine(s => s.where !== undefined || s.limit !== undefined, {
    error: 'must have a where or a limit',
  });
/** @public */
export type TableSubset = z.infer<typeof tableSubsetSchema>;

/** Characters of an SQL seed at most. */
export const MAX_SEED_SQL_LENGTH = 256 * 1024;

/**
 * What `dataPolicy: seed` loads: an SQL script run against the empty
 * database, or a job (image and command) that gets `DATABASE_URL`.
 *
 * @public
 */
const sqlSeed = z.strictObject({
  sql: z
    .string({ error: typeError('must be a string') })
    .min(1, { error: 'must not be empty' })
    .max(MAX_SEED_SQL_LENGTH, {
      error: `must be at most ${MAX_SEED_SQL_LENGTH} characters`,
    }),
});
const jobSeed = z.strictObject({
  image: z
    .string({
      error: typeError('must be a string such as "ghcr.io/acme/seed:1"'),
    })
    .min(1, { error: 'must not be empty' })
    .max(512, { error: 'must be at most 512 characters' }),
  command: z
    .array(
      z
        .string({ error: typeError('must be a string') })
        .max(4096, { error: 'must be at most 4096 characters' }),
    )
    .min(1, { error: 'must have at least one entry' })
    .max(50, { error: 'must have at most 50 entries' })
    .optional(),
});

export const dataSeedSchema = z
  .looseObject(
    {},
    { error: typeError('must be { sql } or { image, command }') },
  )
  .superRefine((seed, ctx) => {
    if ('sql' in seed === 'image' in seed) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be { sql } or { image, command }',
      });
    }
  })
  .pipe(z.union([sqlSeed, jobSeed]));
/** @public */
export type DataSeed = z.infer<typeof dataSeedSchema>;

function checkUnique<T>(
  items: T[],
  key: (item: T) => string,
  normalize: (ref: string) => string,
  field: string,
  ctx: z.RefinementCtx,
  path: string,
) {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const k = normalize(key(item));
    if (seen.has(k)) {
      ctx.addIssue({
        code: 'custom',
        path: [path, index, field],
        message: `names ${key(item)} twice`,
      });
    }
    seen.add(k);
  });
}

/**
 * The data rules of a database service: which columns hold personal data,
 * how columns are transformed, which rows are copied, and its seed. A
 * ServiceTemplate declares them in `spec.service.database.data`; an
 * environment adds its own on the service.
 *
 * @public
 */
export const dataRulesSchema = z
  .strictObject({
    /** Columns that hold personal data: a copy out of production needs a rule for each. */
    sensitive: z
      .array(columnRefSchema)
      .max(500, { error: 'must have at most 500 entries' })
      .default([]),
    rules: z
      .array(columnRuleSchema)
      .max(500, { error: 'must have at most 500 entries' })
      .default([]),
    subset: z
      .array(tableSubsetSchema)
      .max(200, { error: 'must have at most 200 entries' })
      .default([]),
    seed: dataSeedSchema.optional(),
  })
  .superRefine((data, ctx) => {
    checkUnique(data.rules, r => r.column, columnKey, 'column', ctx, 'rules');
    checkUnique(data.subset, s => s.table, tableKey, 'table', ctx, 'subset');
  });
/** @public */
export type DataRules = z.infer<typeof dataRulesSchema>;
/** Data rules as written (defaults may be left out). @public */
export type DataRulesInput = z.input<typeof dataRulesSchema>;
