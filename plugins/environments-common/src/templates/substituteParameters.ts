import { formatPath } from '../zodErrors';
import {
  TemplateExpressionMatch,
  hasUnclosedTemplateExpression,
  replaceTemplateExpressions,
  wholeTemplateExpression,
} from './expressions';

/**
 * Fields of a service that are text even when the parameter is a number or
 * boolean (e.g. `value: ${{ parameters.port }}` of a variable, or
 * `version: ${{ parameters.version }}` of a database given as `16`).
 * Array indices are written `[]`.
 */
const TEXT_FIELDS = new Set([
  'image.repository',
  'image.tag',
  'git.repository',
  'git.branch',
  'git.path',
  'resources.cpu',
  'resources.memory',
  'resources.storage',
  'database.version',
  'database.instanceClass',
  'customDomains[]',
  'variables[].value',
  'variables[].aliasOf',
]);

type Path = Array<string | number>;

/** Where an expression problem is, e.g. `service.ports[0].port`. */
export class TemplateExpressionError extends Error {
  constructor(path: Path, message: string) {
    super(`${formatPath(['service', ...path])}: ${message}`);
    this.name = 'TemplateExpressionError';
  }
}

interface Context {
  parameters: Record<string, unknown>;
  declared: ReadonlySet<string>;
}

function fieldKey(path: Path): string {
  return path
    .map(s => (typeof s === 'number' ? '[]' : s))
    .join('.')
    .replace(/\.\[\]/g, '[]');
}

function resolve(
  { expression, parameter: name }: TemplateExpressionMatch,
  path: Path,
  context: Context,
): unknown {
  if (!name) {
    throw new TemplateExpressionError(
      path,
      `unsupported expression "${expression}": only "\${{ parameters.name }}" is supported`,
    );
  }
  if (!context.declared.has(name)) {
    throw new TemplateExpressionError(
      path,
      `"${expression}" refers to parameters.${name}, which the template does not declare in spec.parameters`,
    );
  }
  return context.parameters[name];
}

function substituteString(text: string, path: Path, context: Context): unknown {
  if (!text.includes('${{')) {
    return text;
  }
  const whole = wholeTemplateExpression(text);
  if (whole) {
    const value = resolve(whole, path, context);
    if (
      TEXT_FIELDS.has(fieldKey(path)) &&
      (typeof value === 'number' || typeof value === 'boolean')
    ) {
      return String(value);
    }
    return value;
  }
  const result = replaceTemplateExpressions(text, match => {
    const { expression } = match;
    const value = resolve(match, path, context);
    if (value === undefined || value === null) {
      throw new TemplateExpressionError(
        path,
        `"${expression}" has no value and is used inside the text "${text}"`,
      );
    }
    if (typeof value === 'object') {
      throw new TemplateExpressionError(
        path,
        `"${expression}" is ${
          Array.isArray(value) ? 'a list' : 'an object'
        } and cannot be used inside the text "${text}"`,
      );
    }
    return String(value);
  });
  if (hasUnclosedTemplateExpression(text)) {
    throw new TemplateExpressionError(
      path,
      `unsupported or unclosed expression in "${text}": write "\${{ parameters.name }}"`,
    );
  }
  return result;
}

function substitute(value: unknown, path: Path, context: Context): unknown {
  if (typeof value === 'string') {
    return substituteString(value, path, context);
  }
  if (Array.isArray(value)) {
    return value
      .map((item, index) => substitute(item, [...path, index], context))
      .filter(item => item !== undefined);
  }
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const substituted = substitute(item, [...path, key], context);
      if (substituted !== undefined) {
        result[key] = substituted;
      }
    }
    return result;
  }
  return value;
}

/**
 * Replaces each `${{ parameters.x }}` in `value` (objects and arrays are
 * walked) by the parameter's value. A string that is just the expression
 * takes the value with its type (a number stays a number), except in text
 * fields of a service; an expression inside a longer string is written as
 * text. A whole-string expression of a parameter without value drops the
 * field. Any other expression, or a parameter that is not in `declared`,
 * throws a {@link TemplateExpressionError} naming the field.
 */
export function substituteParameters(
  value: unknown,
  parameters: Record<string, unknown>,
  declared: Iterable<string>,
): unknown {
  return substitute(value, [], { parameters, declared: new Set(declared) });
}
