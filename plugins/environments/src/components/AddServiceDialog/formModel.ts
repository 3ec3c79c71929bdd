import { MAX_SERVICE_NAME_LENGTH } from '@greenroom/plugin-environments-common';
import type { ErrorSchema } from '@rjsf/utils';
import type { ServiceTemplateSummary } from '../../api';

/** The longest DNS label; `<service>-<environment>` must fit in it. */
const DNS_LABEL_MAX = 63;
const LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

type JsonSchemaObject = {
  type?: unknown;
  properties?: Record<string, Record<string, unknown>>;
  required?: unknown;
  [key: string]: unknown;
};

/**
 * The template's `name` parameter, when it declares one. The service name
 * field fills it in (the backend uses the service name for it), so the
 * generated form leaves it out.
 */
function nameParameter(
  template: Pick<ServiceTemplateSummary, 'parameters'>,
): Record<string, unknown> | undefined {
  const schema = template.parameters as JsonSchemaObject | undefined;
  const name = schema?.properties?.name;
  return name && typeof name === 'object' ? name : undefined;
}

/**
 * The parameters' JSON Schema for the generated form: an object schema
 * without the `name` parameter, which the service name field stands for.
 */
export function formSchema(
  template: Pick<ServiceTemplateSummary, 'parameters'>,
): Record<string, unknown> {
  const schema = (template.parameters ?? {}) as JsonSchemaObject;
  const properties = { ...(schema.properties ?? {}) };
  delete properties.name;
  const required = Array.isArray(schema.required)
    ? (schema.required as unknown[]).filter(key => key !== 'name')
    : undefined;
  return {
    ...schema,
    type: 'object',
    properties,
    ...(required !== undefined && { required }),
  };
}

/**
 * The name a new service gets unless the user changes it: the default of the
 * template's `name` parameter (e.g. `db`), or the template's name.
 */
export function defaultServiceName(
  template: Pick<ServiceTemplateSummary, 'name' | 'parameters'>,
): string {
  const declared = nameParameter(template)?.default;
  if (typeof declared === 'string' && declared !== '') {
    return declared;
  }
  return template.name;
}

/**
 * The longest service name allowed in an environment: `<service>-<environment>`
 * stays within a DNS label (63), service names have at most
 * {@link MAX_SERVICE_NAME_LENGTH}, and the template may ask for less.
 */
export function maxServiceNameLength(
  environment: string | undefined,
  template?: Pick<ServiceTemplateSummary, 'parameters'>,
): number {
  const limits = [MAX_SERVICE_NAME_LENGTH];
  if (environment) {
    limits.push(DNS_LABEL_MAX - environment.length - 1);
  }
  const declared = template ? nameParameter(template)?.maxLength : undefined;
  if (typeof declared === 'number' && declared > 0) {
    limits.push(declared);
  }
  return Math.min(...limits);
}

/** Why a service name cannot be used, or undefined when it can. */
export function serviceNameProblem(
  name: string,
  options: {
    environment?: string;
    /** Names of the services the environment has. */
    existing?: readonly string[];
    template?: Pick<ServiceTemplateSummary, 'parameters'>;
  } = {},
): string | undefined {
  const { environment, existing = [], template } = options;
  if (name === '') {
    return 'Required';
  }
  const max = maxServiceNameLength(environment, template);
  if (!LABEL.test(name)) {
    return 'Lower case letters, digits and "-", starting with a letter and ending with a letter or digit';
  }
  if (name.length > max) {
    return environment
      ? `At most ${max} characters, so that ${name}-${environment} is a valid host name`
      : `At most ${max} characters`;
  }
  if (existing.includes(name)) {
    return environment
      ? `${environment} already has a service named ${name}`
      : `A service named ${name} already exists`;
  }
  return undefined;
}

/** The backend's 400 message, split by the field it names. */
export interface FieldErrors {
  /** About the service name (`name: …`). */
  name?: string;
  /** About parameters, by parameter path (`parameters.version: …`). */
  parameters: Record<string, string[]>;
  /** Everything else. */
  other: string[];
}

/**
 * Splits a message such as `parameters.version: must be one of "14", "15";
 * name: a service named "db" already exists` (optionally prefixed with
 * `template postgresql: `) into the fields it names.
 */
export function fieldErrors(message: string): FieldErrors {
  const result: FieldErrors = { parameters: {}, other: [] };
  const text = message.replace(/^template [^\s:]+: /, '');
  for (const part of text.split(/;\s+/)) {
    const match = /^([A-Za-z0-9_.[\]-]+):\s*(.+)$/s.exec(part.trim());
    if (!match) {
      result.other.push(part.trim());
      continue;
    }
    const [, path, detail] = match;
    if (path === 'name') {
      result.name = result.name ? `${result.name}; ${detail}` : detail;
    } else if (path.startsWith('parameters.')) {
      const key = path.slice('parameters.'.length);
      (result.parameters[key] ??= []).push(detail);
    } else {
      result.other.push(part.trim());
    }
  }
  return result;
}

/**
 * {@link FieldErrors.parameters} in the shape `@rjsf/core` takes as
 * `extraErrors`: `{ version: { __errors: ['must be one of …'] } }`, nested
 * for paths such as `replicas.min`.
 */
export function toRjsfErrors(
  parameters: Record<string, string[]>,
): ErrorSchema {
  const errors: ErrorSchema = {};
  for (const [path, messages] of Object.entries(parameters)) {
    const segments = path.split('.').filter(Boolean);
    let node = errors;
    for (const segment of segments) {
      node = node[segment] ??= {};
    }
    node.__errors = [...(node.__errors ?? []), ...messages];
  }
  return errors;
}

/** The backend's 400 message, placed where the dialog shows each part. */
export interface PlacedFieldErrors {
  /** Next to the service name field. */
  name?: string;
  /** Next to the generated form's fields, as `extraErrors`. */
  parameters?: ErrorSchema;
  /** In the alert: what no field on screen stands for. */
  other: string[];
}

/**
 * Splits the backend's 400 message by where the dialog can show it: the
 * template's `name` parameter belongs to the service name field, parameters
 * the generated form has (`formFields`) to their fields, the rest to the alert.
 */
export function placeFieldErrors(
  message: string,
  formFields: readonly string[],
): PlacedFieldErrors {
  const fields = fieldErrors(message);
  const inForm: Record<string, string[]> = {};
  const other = [...fields.other];
  let name = fields.name;
  for (const [path, messages] of Object.entries(fields.parameters)) {
    const root = path.split('.')[0];
    if (root === 'name') {
      name = [name, ...messages].filter(Boolean).join('; ');
    } else if (formFields.includes(root)) {
      inForm[path] = messages;
    } else {
      other.push(...messages.map(m => `parameters.${path}: ${m}`));
    }
  }
  return {
    name,
    parameters:
      Object.keys(inForm).length > 0 ? toRjsfErrors(inForm) : undefined,
    other,
  };
}
