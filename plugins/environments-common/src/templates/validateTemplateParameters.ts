import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { formatPath } from '../zodErrors';
import { TemplateParameterError, TemplateParameterIssue } from './errors';

const ajv = new Ajv({
  useDefaults: true,
  allErrors: true,
  strict: false,
  logger: false,
});

/** One compiled validator per schema object (templates are long-lived). */
const cache = new WeakMap<object, ValidateFunction>();

function compile(schema: object): ValidateFunction {
  let validate = cache.get(schema);
  if (!validate) {
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      throw new TemplateParameterError([
        {
          path: 'parameters',
          message: `the template's parameters schema is invalid: ${
            (error as Error).message
          }`,
        },
      ]);
    }
    cache.set(schema, validate);
  }
  return validate;
}

/** A deep copy of JSON-like data, so that applying defaults leaves the input alone. */
function copy<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(copy) as T;
  }
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      result[key] = copy(item);
    }
    return result as T;
  }
  return value;
}

/** `/databases/0/name` → `['parameters', 'databases', 0, 'name']` */
function pathOf(instancePath: string): Array<string | number> {
  const segments = instancePath
    .split('/')
    .slice(1)
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map(s => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
  return ['parameters', ...segments];
}

function describe(error: ErrorObject): TemplateParameterIssue {
  const path = pathOf(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        path: formatPath([...path, String(params.missingProperty)]),
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        path: formatPath([...path, String(params.additionalProperty)]),
        message: 'is not a parameter of this template',
      };
    case 'enum':
      return {
        path: formatPath(path),
        message: `must be one of ${(params.allowedValues as unknown[])
          .map(v => (typeof v === 'string' ? v : JSON.stringify(v)))
          .join(', ')}`,
      };
    default:
      return {
        path: formatPath(path),
        message: error.message ?? 'is invalid',
      };
  }
}

/**
 * Applies the JSON Schema defaults of a ServiceTemplate's `spec.parameters`
 * to `values` and validates them. Returns the values with defaults filled in
 * (the input is not changed); throws a {@link TemplateParameterError} naming
 * each failing parameter otherwise. Without a schema the values are returned
 * as they are.
 *
 * @public
 */
export function validateTemplateParameters(
  parametersSchema: object | undefined,
  values: Record<string, unknown>,
): { values: Record<string, unknown> } {
  const result = copy(values ?? {});
  if (!parametersSchema) {
    return { values: result };
  }
  const validate = compile(parametersSchema);
  if (!validate(result)) {
    const issues = (validate.errors ?? []).map(describe);
    const unique = [
      ...new Map(issues.map(i => [`${i.path}: ${i.message}`, i])).values(),
    ];
    throw new TemplateParameterError(unique);
  }
  return { values: result };
}
