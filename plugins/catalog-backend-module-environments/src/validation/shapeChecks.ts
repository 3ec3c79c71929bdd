import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import {
  formatZodError,
  serviceTemplateEntityV1alpha1Validator,
  serviceTemplateSpecSchema,
} from '@greenroom/plugin-environments-common';
import { ServiceTemplateIssue, issue, pointerToPath } from './issues';

// The shape checks: the catalog's entity policies, the kind's JSON schema and
// the zod spec schema of -common, with the catalog's messages reworded.

/**
 * The catalog's JSON schema of the kind; the validator of
 * `@backstage/catalog-model` reports its first error as
 * `/spec/version must match pattern "…" - pattern: …`.
 */
export async function checkKindSchema(
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
export async function checkEntityPolicies(
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
export function checkSpecSchema(spec: unknown): ServiceTemplateIssue[] {
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
  let value: unknown = root;
  for (const [, key, index] of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Reflect.get(value, index !== undefined ? Number(index) : key);
  }
  return value;
}
