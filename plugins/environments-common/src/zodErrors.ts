import { z } from 'zod';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['services', 0, 'ports', 1, 'port']` → `services[0].ports[1].port` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else {
      const key = String(segment);
      if (IDENTIFIER.test(key)) {
        text += text ? `.${key}` : key;
      } else {
        text += `[${JSON.stringify(key)}]`;
      }
    }
  }
  return text;
}

type Issue = z.core.$ZodIssue;

/** One failing field of a zod error: `services[0].ports[1].port` and what is wrong. @public */
export interface ZodFieldError {
  /** The dotted path, `(root)` for the value itself. */
  field: string;
  message: string;
}

/** One entry per problem, each naming the field it is about. */
function describe(issue: Issue, path: PropertyKey[]): ZodFieldError[] {
  switch (issue.code) {
    case 'unrecognized_keys':
      // Name each unknown field itself rather than its parent.
      return issue.keys.map(key => ({
        field: label([...path, key]),
        message: 'unknown field',
      }));
    case 'invalid_key':
      // A key of a record: say what is wrong with the key itself.
      return issue.issues.map(inner => ({
        field: label(path),
        message: inner.message,
      }));
    case 'invalid_type':
      if (issue.message.endsWith('received undefined')) {
        return [{ field: label(path), message: 'is required' }];
      }
      break;
    case 'invalid_union': {
      // e.g. "a value or an expression": say what each alternative expected.
      const messages = issue.errors.flatMap(errors =>
        errors.filter(inner => inner.path.length === 0).map(i => i.message),
      );
      if (messages.length > 0) {
        return [
          { field: label(path), message: [...new Set(messages)].join(', or ') },
        ];
      }
      break;
    }
    default:
      break;
  }
  return [{ field: label(path), message: issue.message }];
}

function label(path: ReadonlyArray<PropertyKey>): string {
  return formatPath(path) || '(root)';
}

/**
 * Each failing field of a zod error once, in the words of
 * {@link formatZodError}, for callers that show fields apart (a list, lines
 * of a file).
 *
 * @public
 */
export function zodFieldErrors(
  error: z.ZodError | z.core.$ZodError,
): ZodFieldError[] {
  const seen = new Set<string>();
  return error.issues
    .flatMap(issue => describe(issue, [...issue.path]))
    .filter(({ field, message }) => {
      const key = `${field}: ${message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * One readable message naming each failing field, e.g.
 * `services[0].ports[1].port: must be between 1 and 65535; name: is required`.
 * With a prefix: `Invalid environment: services[0]...`. Routers use it for
 * the message of a 400 `InputError`.
 *
 * @public
 */
export function formatZodError(
  error: z.ZodError | z.core.$ZodError,
  prefix?: string,
): string {
  const lines = zodFieldErrors(error).map(
    ({ field, message }) => `${field}: ${message}`,
  );
  const body = lines.length > 0 ? lines.join('; ') : 'invalid input';
  return prefix ? `${prefix}: ${body}` : body;
}
