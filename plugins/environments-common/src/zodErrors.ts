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

/** One line per problem, each naming the field it is about. */
function describe(issue: Issue, path: PropertyKey[]): string[] {
  switch (issue.code) {
    case 'unrecognized_keys':
      // Name each unknown field itself rather than its parent.
      return issue.keys.map(key => `${label([...path, key])}: unknown field`);
    case 'invalid_type':
      if (issue.message.endsWith('received undefined')) {
        return [`${label(path)}: is required`];
      }
      break;
    case 'invalid_union': {
      // e.g. "a value or an expression": say what each alternative expected.
      const messages = issue.errors.flatMap(errors =>
        errors.filter(inner => inner.path.length === 0).map(i => i.message),
      );
      if (messages.length > 0) {
        return [`${label(path)}: ${[...new Set(messages)].join(', or ')}`];
      }
      break;
    }
    default:
      break;
  }
  return [`${label(path)}: ${issue.message}`];
}

function label(path: ReadonlyArray<PropertyKey>): string {
  return formatPath(path) || '(root)';
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
  const lines = [
    ...new Set(error.issues.flatMap(issue => describe(issue, [...issue.path]))),
  ];
  const body = lines.length > 0 ? lines.join('; ') : 'invalid input';
  return prefix ? `${prefix}: ${body}` : body;
}
