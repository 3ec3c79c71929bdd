/** One parameter of a template, as the parameters table shows it. */
export interface ParameterRow {
  name: string;
  title?: string;
  type: string;
  default?: string;
  enum?: string;
  required: boolean;
  description?: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function typeOf(schema: Record<string, unknown>): string {
  const type = schema.type;
  let result = 'any';
  if (Array.isArray(type)) {
    result = type.join(' | ');
  } else if (typeof type === 'string') {
    result = type;
  } else if (schema.enum) {
    result = 'enum';
  }
  if (result === 'array' && schema.items && typeof schema.items === 'object') {
    const items = (schema.items as Record<string, unknown>).type;
    if (typeof items === 'string') {
      result = `array of ${items}`;
    }
  }
  const constraints: string[] = [];
  if (typeof schema.format === 'string') constraints.push(schema.format);
  if (typeof schema.minimum === 'number')
    constraints.push(`≥ ${schema.minimum}`);
  if (typeof schema.maximum === 'number')
    constraints.push(`≤ ${schema.maximum}`);
  if (typeof schema.maxLength === 'number') {
    constraints.push(`at most ${schema.maxLength} characters`);
  }
  if (typeof schema.pattern === 'string')
    constraints.push(`/${schema.pattern}/`);
  return constraints.length ? `${result} (${constraints.join(', ')})` : result;
}

/**
 * The parameters of a template's JSON Schema (`spec.parameters`), in the
 * order the schema declares them.
 */
export function describeParameters(schema: unknown): ParameterRow[] {
  if (!schema || typeof schema !== 'object') {
    return [];
  }
  const { properties, required } = schema as {
    properties?: Record<string, unknown>;
    required?: unknown;
  };
  const requiredKeys = Array.isArray(required) ? required : [];
  return Object.entries(properties ?? {}).map(([name, raw]) => {
    const property = (raw && typeof raw === 'object' ? raw : {}) as Record<
      string,
      unknown
    >;
    return {
      name,
      title: typeof property.title === 'string' ? property.title : undefined,
      type: typeOf(property),
      default:
        property.default === undefined ? undefined : text(property.default),
      enum: Array.isArray(property.enum)
        ? property.enum.map(text).join(', ')
        : undefined,
      required: requiredKeys.includes(name),
      description:
        typeof property.description === 'string'
          ? property.description
          : undefined,
    };
  });
}
