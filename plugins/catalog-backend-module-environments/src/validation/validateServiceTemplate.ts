// One cohesive unit, hence its length: every check of a ServiceTemplate, in the order the catalog runs them.
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ServiceTemplateEntityV1alpha1,
  TemplateParameterError,
  findTemplateExpressions,
  formatZodError,
  hasUnclosedTemplateExpression,
  isServiceTemplateEntity,
  renderServiceFromTemplate,
  serviceTemplateEntityV1alpha1Validator,
  serviceTemplateSpecSchema,
  validateTemplateParameters,
} from '@greenroom/plugin-environments-common';
import { fixFor } from './fixFor';

/**
 * One problem with a ServiceTemplate: the field (`spec.version`), what is
 * wrong with it, and how to fix it.
 *
 * @public
 */
export interface ServiceTemplateIssue {
  /** The field, e.g. `spec.service.image.tag` or `spec.parameters.properties.port`. */
  path: string;
  /** What is wrong, e.g. `must be a semantic version such as "1.2.0"`. */
  message: string;
  /** How to fix it. */
  fix: string;
}

/** @public */
export interface ServiceTemplateValidation {
  /** `servicetemplate:default/postgresql`, or undefined without a usable name. */
  ref?: string;
  version?: string;
  /** Problems that make the catalog refuse the template. */
  errors: ServiceTemplateIssue[];
  /** Advice that does not block the template (the catalog does not report it). */
  warnings: ServiceTemplateIssue[];
}

function issue(
  path: string,
  message: string,
  fix?: string,
): ServiceTemplateIssue {
  return { path, message, fix: fix ?? fixFor(path, message) };
}

/** `/spec/ports/0/port` → `spec.ports[0].port` */
function pointerToPath(pointer: string): string {
  if (!pointer || pointer === '<root>') return '(root)';
  return pointer
    .split('/')
    .slice(1)
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((text, s) => {
      if (/^\d+$/.test(s)) return `${text}[${s}]`;
      return text ? `${text}.${s}` : s;
    }, '');
}

/**
 * The catalog's JSON schema of the kind; the validator of
 * `@backstage/catalog-model` reports its first error as
 * `/spec/version must match pattern "…" - pattern: …`.
 */
async function checkKindSchema(
  entity: Entity,
): Promise<ServiceTemplateIssue[]> {
  try {
    // true when valid, false for another kind or apiVersion; throws otherwise
    if (await serviceTemplateEntityV1alpha1Validator.check(entity)) {
      return [];
    }
    return [
      issue(
        entity.kind === 'ServiceTemplate' ? 'apiVersion' : 'kind',
        `is ${JSON.stringify(
          entity.kind === 'ServiceTemplate' ? entity.apiVersion : entity.kind,
        )}, not a Greenroom ServiceTemplate`,
      ),
    ];
  } catch (error) {
    const text = String((error as Error).message ?? error);
    const match = /^(\S+) (.*?)(?: - (.*))?$/s.exec(text);
    if (!match) {
      return [issue('(root)', text)];
    }
    const [, pointer, problem, params] = match;
    let path = pointerToPath(pointer);
    let message = problem;
    const extra = /additionalProperty: (\S+)/.exec(params ?? '');
    const missing = /missingProperty: (\S+)/.exec(params ?? '');
    const allowed = /allowedValues: (.+)/.exec(params ?? '');
    if (extra) {
      path = path === '(root)' ? extra[1] : `${path}.${extra[1]}`;
      message = 'unknown field';
    } else if (missing) {
      path = path === '(root)' ? missing[1] : `${path}.${missing[1]}`;
      message = 'is required';
    } else if (allowed) {
      message = `must be one of ${allowed[1]}`;
    } else if (problem.startsWith('must match pattern')) {
      message = 'has the wrong format';
    }
    return [issue(path, message)];
  }
}

const entityPolicy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

/**
 * The policies the catalog applies to every entity before any processor
 * (name and tag formats, no unknown root fields).
 */
async function checkEntityPolicies(
  entity: Entity,
): Promise<ServiceTemplateIssue[]> {
  try {
    await entityPolicy.enforce(structuredClone(entity));
    return [];
  } catch (error) {
    const text = String((error as Error).message).replace(
      /\. To learn more about catalog file format.*$/s,
      '',
    );
    const field = /^"([^"]+)" is not valid; (.*)$/s.exec(text);
    if (field) {
      return [issue(field[1], `is not valid: ${field[2]}`)];
    }
    const unknown = /^Unknown field (\S+)/.exec(text);
    if (unknown) {
      return [
        issue(
          unknown[1],
          'unknown field at the root of the entity',
          'keep only apiVersion, kind, metadata, spec (and relations, status) at the root; indent it under spec if it belongs there',
        ),
      ];
    }
    return [issue('(root)', text)];
  }
}

/** The zod spec schema of `-common`, with every failing field. */
function checkSpecSchema(spec: unknown): ServiceTemplateIssue[] {
  const result = serviceTemplateSpecSchema.safeParse(spec);
  if (result.success) return [];
  return formatZodError(result.error)
    .split('; ')
    .map(line => {
      const at = line.indexOf(': ');
      const path = at < 0 ? '(root)' : line.slice(0, at);
      const message = at < 0 ? line : line.slice(at + 2);
      const value = valueAt(spec, path);
      const shown =
        value !== undefined &&
        (typeof value !== 'object' || value === null) &&
        !message.startsWith('unknown field')
          ? `is ${JSON.stringify(value)}; ${message}`
          : message;
      return issue(path === '(root)' ? 'spec' : `spec.${path}`, shown);
    });
}

/** The value at `service.ports[0].port` of `spec`, if any. */
function valueAt(root: unknown, path: string): unknown {
  let value: any = root;
  for (const [, key, index] of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = value[index !== undefined ? Number(index) : key];
  }
  return value;
}

type JsonSchema = {
  type?: unknown;
  properties?: Record<string, Record<string, unknown>>;
  required?: unknown;
};

function parametersSchemaIssues(
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
function expressionIssues(
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

/**
 * A value for a required parameter without default, as a developer would
 * enter it: its first `examples` entry, its first `enum` value, or a
 * placeholder of its type.
 */
function sampleValue(property: Record<string, unknown>): unknown {
  if (Array.isArray(property.examples) && property.examples.length > 0) {
    return property.examples[0];
  }
  if (Array.isArray(property.enum) && property.enum.length > 0) {
    return property.enum[0];
  }
  if (property.const !== undefined) return property.const;
  switch (property.type) {
    case 'integer':
    case 'number':
      return typeof property.minimum === 'number' ? property.minimum : 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return 'example';
  }
}

/** A valid service name to render with: the `name` parameter's default, or `example`. */
function sampleServiceName(schema: JsonSchema | undefined): string {
  const name = schema?.properties?.name?.default;
  return typeof name === 'string' && name ? name : 'example';
}

function renderIssues(
  entity: ServiceTemplateEntityV1alpha1,
): ServiceTemplateIssue[] {
  const schema = entity.spec.parameters as JsonSchema | undefined;
  const properties = schema?.properties ?? {};
  const required = Array.isArray(schema?.required)
    ? (schema!.required as string[])
    : [];
  const parameters: Record<string, unknown> = {};
  const sampled = new Set<string>();
  for (const key of required) {
    const property = properties[key];
    if (key !== 'name' && property && property.default === undefined) {
      parameters[key] = sampleValue(property);
      sampled.add(key);
    }
  }
  try {
    renderServiceFromTemplate(entity, {
      name: sampleServiceName(schema),
      parameters,
    });
    return [];
  } catch (error) {
    if (error instanceof TemplateParameterError) {
      return error.issues.map(({ path, message }) => {
        const key = /^parameters\.([^.[]+)/.exec(path)?.[1];
        const at = `spec.parameters.properties.${key ?? ''}`.replace(/\.$/, '');
        if (key && sampled.has(key)) {
          return issue(
            at,
            `is required, has no default, and the check's sample value ${JSON.stringify(
              parameters[key],
            )} is refused (${message})`,
            `add "examples: [<a valid value>]" to the parameter so that the template can be checked`,
          );
        }
        return issue(
          at,
          `its default does not satisfy the schema: ${path}: ${message}`,
          'make the default one of the allowed values (enum, pattern, minimum/maximum, type)',
        );
      });
    }
    // ServiceTemplateRenderError: `template <name>: <field>: <problem>; …`
    const text = String((error as Error).message).replace(
      /^template [^:]+: /,
      '',
    );
    return text.split('; ').map(line => {
      const at = line.indexOf(': ');
      const field = at < 0 ? 'spec.service' : line.slice(0, at);
      const message = at < 0 ? line : line.slice(at + 2);
      const path = field.startsWith('service.')
        ? `spec.${field}`
        : `spec.service.${field}`;
      if (message === 'is required') {
        return issue(
          path,
          "is required for a service, and rendering with the parameters' defaults left it empty",
          `set it in spec.service: ${fixFor(path, message)}`,
        );
      }
      return issue(
        path,
        `rendering with the parameters' defaults gives an invalid service: ${message}`,
        path === 'spec.service.database'
          ? fixFor(path, message)
          : `fix the value in spec.service or the default of the parameter it uses (${fixFor(
              path,
              message,
            )})`,
      );
    });
  }
}

function deprecationWarnings(
  entity: ServiceTemplateEntityV1alpha1,
): ServiceTemplateIssue[] {
  if (entity.spec.lifecycle !== 'deprecated') return [];
  const description = entity.metadata.description ?? '';
  if (/\b(use|replaced by|instead|migrate)\b/i.test(description)) return [];
  return [
    issue(
      'metadata.description',
      'the template is deprecated but its description does not say what replaces it',
      'say it in metadata.description, e.g. "Deprecated. Use the `postgresql` template." (developers see it next to the deprecation notice), and link a migration guide in spec.links',
    ),
  ];
}

function uniqueIssues(issues: ServiceTemplateIssue[]): ServiceTemplateIssue[] {
  const seen = new Set<string>();
  return issues.filter(i => {
    const key = `${i.path}: ${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Every check the catalog runs on a `kind: ServiceTemplate` entity, each
 * problem naming its field and saying how to fix it:
 *
 * 1. the kind's JSON schema (what `serviceTemplateEntityV1alpha1Validator` checks),
 * 2. the zod spec schema of `-common` (every failing field),
 * 3. `spec.parameters` compiles as a JSON Schema (ajv) and is an object schema,
 * 4. every `${{ … }}` in `spec.service` is `${{ parameters.x }}` with `x` declared,
 * 5. rendering with the parameters' defaults gives a valid service (the same
 *    `renderServiceFromTemplate` the backend and the UI use).
 *
 * The semantic version is part of 1 and 2. A deprecated template whose
 * description does not say what replaces it gets a warning, which does not
 * block it (the kind has no field for the replacement).
 *
 * @public
 */
export async function validateServiceTemplate(
  entity: Entity,
): Promise<ServiceTemplateValidation> {
  const name = entity.metadata?.name;
  const ref =
    typeof name === 'string' && name
      ? stringifyEntityRef({
          kind: 'ServiceTemplate',
          namespace: entity.metadata.namespace ?? 'default',
          name,
        })
      : undefined;
  const version =
    typeof entity.spec?.version === 'string' ? entity.spec.version : undefined;

  const policyIssues = await checkEntityPolicies(entity);
  const kindIssues = [...policyIssues, ...(await checkKindSchema(entity))];
  const specIssues = entity.spec ? checkSpecSchema(entity.spec) : [];
  // The spec schema names every failing spec field; the kind schema only its
  // first problem, which still counts when it is outside spec.
  const errors = uniqueIssues([
    ...kindIssues.filter(
      i => specIssues.length === 0 || !i.path.startsWith('spec'),
    ),
    ...specIssues,
  ]);
  if (errors.length > 0 || !isServiceTemplateEntity(entity)) {
    return { ref, version, errors, warnings: [] };
  }

  const schema = entity.spec.parameters as JsonSchema | undefined;
  errors.push(...parametersSchemaIssues(schema));
  const declared = new Set(Object.keys(schema?.properties ?? {}));
  errors.push(
    ...expressionIssues(entity.spec.service, declared, 'spec.service'),
  );
  if (errors.length === 0) {
    errors.push(...renderIssues(entity));
  }
  return {
    ref,
    version,
    errors: uniqueIssues(errors),
    warnings: deprecationWarnings(entity),
  };
}

/**
 * One issue as one line: `spec.version: is "v2"; must be … — write …`.
 *
 * @public
 */
export function formatServiceTemplateIssue(i: ServiceTemplateIssue): string {
  return `${i.path}: ${i.message} — ${i.fix}`;
}
