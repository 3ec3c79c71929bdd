import { stringifyEntityRef } from '@backstage/catalog-model';
import type { ServiceTemplateEntityV1alpha1 } from '../kinds/ServiceTemplateEntityV1alpha1';
import { MAX_SERVICE_NAME_LENGTH, isValidServiceName } from '../naming';
import { ServiceInput, serviceInputSchema } from '../schemas/service';
import { formatZodError } from '../zodErrors';
import { ServiceTemplateRenderError, TemplateParameterError } from './errors';
import {
  TemplateExpressionError,
  substituteParameters,
} from './substituteParameters';
import { validateTemplateParameters } from './validateTemplateParameters';

/** @public */
export interface RenderServiceFromTemplateInput {
  /** Name of the service in the environment. */
  name: string;
  /** Values of the template's parameters; defaults are applied. */
  parameters: Record<string, unknown>;
}

/** @public */
export interface RenderedServiceTemplate {
  service: ServiceInput;
  template: { ref: string; version: string };
}

function declaredParameters(schema: object | undefined): string[] {
  const properties = (schema as { properties?: unknown } | undefined)
    ?.properties;
  return properties && typeof properties === 'object'
    ? Object.keys(properties)
    : [];
}

/**
 * Turns a ServiceTemplate and the values of its form into a service.
 *
 * Validates the parameters against `spec.parameters` (applying defaults),
 * fills the `${{ parameters.x }}` expressions of `spec.service`, sets the
 * service name and `template: { ref, version }`, and validates the result as
 * a service. When the template declares a `name` parameter and no value is
 * given, the service name is used for it.
 *
 * Throws a {@link TemplateParameterError} for invalid parameter values and a
 * {@link ServiceTemplateRenderError} (message `template <name>: <field>: ...`)
 * for a name, expression or resulting service that is not valid.
 *
 * @public
 */
export function renderServiceFromTemplate(
  template: ServiceTemplateEntityV1alpha1,
  input: RenderServiceFromTemplateInput,
): RenderedServiceTemplate {
  const templateName = template.metadata.name;
  const prefix = `template ${templateName}`;

  if (!isValidServiceName(input.name)) {
    throw new ServiceTemplateRenderError(
      `${prefix}: name: "${input.name}" must be lower case letters, digits and "-", start with a letter, end with a letter or digit, and have at most ${MAX_SERVICE_NAME_LENGTH} characters`,
    );
  }
  const schema = template.spec.parameters;
  const declared = declaredParameters(schema);

  const given = { ...(input.parameters ?? {}) };
  if (declared.includes('name') && given.name === undefined) {
    given.name = input.name;
  }
  let values: Record<string, unknown>;
  try {
    values = validateTemplateParameters(schema, given).values;
  } catch (error) {
    if (error instanceof TemplateParameterError) {
      throw new TemplateParameterError(error.issues, prefix);
    }
    throw error;
  }

  let filled: unknown;
  try {
    filled = substituteParameters(
      template.spec.service ?? {},
      values,
      declared,
    );
  } catch (error) {
    if (error instanceof TemplateExpressionError) {
      throw new ServiceTemplateRenderError(`${prefix}: ${error.message}`);
    }
    throw error;
  }

  const ref = stringifyEntityRef({
    kind: 'ServiceTemplate',
    namespace: template.metadata.namespace ?? 'default',
    name: templateName,
  });
  const templateRef = { ref, version: template.spec.version };
  const result = serviceInputSchema.safeParse({
    ...(filled as object),
    name: input.name,
    template: templateRef,
  });
  if (!result.success) {
    throw new ServiceTemplateRenderError(formatZodError(result.error, prefix));
  }
  return { service: result.data, template: templateRef };
}
