import {
  ServiceTemplateEntityV1alpha1,
  TemplateParameterError,
  renderServiceFromTemplate,
} from '@greenroom/plugin-environments-common';
import { fixFor } from './fixFor';
import { ServiceTemplateIssue, issue } from './issues';
import type { JsonSchema } from './parameterChecks';

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

/**
 * Renders the template as a developer would, with the defaults and a sample
 * value for each required parameter without one: what fails is an issue.
 */
export function renderIssues(
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
