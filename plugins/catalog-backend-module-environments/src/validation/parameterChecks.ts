import {
  TemplateParameterError,
  findTemplateExpressions,
  hasUnclosedTemplateExpression,
  validateTemplateParameters,
} from '@greenroom/plugin-environments-common';
import { ServiceTemplateIssue, issue, pointerToPath } from './issues';

/** What the checks read of `spec.parameters`. */
export type JsonSchema = {
  type?: unknown;
  properties?: Record<string, Record<string, unknown>>;
  required?: unknown;
};

/** `spec.parameters` compiles as JSON Schema (ajv) and is an object schema. */
export function parametersSchemaIssues(
  schema: JsonSchema | undefined,
): ServiceTemplateIssue[] {
  if (schema === undefined) return [];
  const issues: ServiceTemplateIssue[] = [];
  try {
    validateTemplateParameters(schema, {});
  } catch (error) {
    if (
      error instanceof TemplateParameterError &&
      error.issues.some(
        i => i.path === 'parameters' && /schema is invalid/.test(i.message),
      )
    ) {
      // `… schema is invalid: data/properties/port/type must be …, data/…`
      const detail = error.issues[0].message.replace(
        /^the template's parameters schema is invalid: (schema is invalid: )?/,
        '',
      );
      const first = /^data(\/\S*)? (.*?)(?:, data[/ ].*)?$/.exec(detail);
      const where = first?.[1] ? pointerToPath(first[1]) : '';
      const field = where ? `spec.parameters.${where}` : 'spec.parameters';
      return [
        issue(
          field,
          `is not valid JSON Schema: ${first ? first[2] : detail}`,
          where.endsWith('.type')
            ? 'use one of the JSON Schema types: string, number, integer, boolean, object, array'
            : 'write spec.parameters as JSON Schema draft-07: "type" is one of string, number, integer, boolean, object, array; "required" and "enum" are lists',
        ),
      ];
    }
    // Missing required values are expected here: a form fills them in.
  }
  if (schema.type !== 'object' || typeof schema.properties !== 'object') {
    issues.push(
      issue(
        'spec.parameters',
        'must be an object schema with properties',
        'start it with "type: object" and list each parameter under "properties"',
      ),
    );
  }
  return issues;
}

/** Every `${{ … }}` of spec.service: supported, and naming a declared parameter. */
export function expressionIssues(
  value: unknown,
  declared: ReadonlySet<string>,
  path: string,
): ServiceTemplateIssue[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) =>
      expressionIssues(item, declared, `${path}[${i}]`),
    );
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      expressionIssues(item, declared, `${path}.${key}`),
    );
  }
  if (typeof value !== 'string') return [];
  const issues: ServiceTemplateIssue[] = [];
  if (hasUnclosedTemplateExpression(value)) {
    issues.push(
      issue(
        path,
        `"${value}" has an unclosed expression`,
        'close it with "}}", e.g. "${{ parameters.version }}"',
      ),
    );
  }
  for (const { expression, parameter } of findTemplateExpressions(value)) {
    if (!parameter) {
      issues.push(
        issue(
          path,
          `unsupported expression "${expression}"`,
          'only "${{ parameters.name }}" is supported here (no filters, steps or user values)',
        ),
      );
    } else if (!declared.has(parameter)) {
      issues.push(
        issue(
          path,
          `"${expression}" refers to parameters.${parameter}, which is not declared`,
          `declare "${parameter}" under spec.parameters.properties, or correct the name (declared: ${
            [...declared].join(', ') || 'none'
          })`,
        ),
      );
    }
  }
  return issues;
}
