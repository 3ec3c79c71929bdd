import { TemplateParameterError } from './errors';
import { validateTemplateParameters } from './validateTemplateParameters';

const schema = {
  type: 'object',
  required: ['name', 'version'],
  properties: {
    name: { type: 'string', pattern: '^[a-z]+$' },
    version: { type: 'string', enum: ['14', '15', '16'], default: '16' },
    storageGb: { type: 'integer', minimum: 5, maximum: 1000, default: 20 },
    options: {
      type: 'object',
      properties: { ssl: { type: 'boolean', default: true } },
      default: {},
    },
  },
};

function errorOf(fn: () => unknown): TemplateParameterError {
  try {
    fn();
  } catch (error) {
    return error as TemplateParameterError;
  }
  throw new Error('expected an error');
}

describe('validateTemplateParameters', () => {
  it('applies defaults, nested ones too, without changing the input', () => {
    const input = { name: 'db' };
    expect(validateTemplateParameters(schema, input)).toEqual({
      values: {
        name: 'db',
        version: '16',
        storageGb: 20,
        options: { ssl: true },
      },
    });
    expect(input).toEqual({ name: 'db' });
  });

  it('names each failing parameter', () => {
    const error = errorOf(() =>
      validateTemplateParameters(schema, { version: '17', storageGb: 2 }),
    );
    expect(error).toBeInstanceOf(TemplateParameterError);
    expect(error.message).toContain('parameters.name: is required');
    expect(error.message).toContain(
      'parameters.version: must be one of 14, 15, 16',
    );
    expect(error.message).toContain('parameters.storageGb: must be >= 5');
    expect(error.issues).toHaveLength(3);
  });

  it('reports wrong types and nested paths', () => {
    const error = errorOf(() =>
      validateTemplateParameters(schema, {
        name: 'db',
        storageGb: 'big',
        options: { ssl: 'yes' },
      }),
    );
    expect(error.message).toContain('parameters.storageGb: must be integer');
    expect(error.message).toContain('parameters.options.ssl: must be boolean');
  });

  it('names unknown parameters when the schema forbids them', () => {
    const closed = {
      type: 'object',
      properties: { a: { type: 'string' } },
      additionalProperties: false,
    };
    expect(() => validateTemplateParameters(closed, { b: 1 })).toThrow(
      'parameters.b: is not a parameter of this template',
    );
  });

  it('returns the values as they are without a schema', () => {
    expect(validateTemplateParameters(undefined, { a: 1 })).toEqual({
      values: { a: 1 },
    });
  });

  it('compiles a schema once and reuses it', () => {
    const once = { type: 'object', properties: { x: { default: 1 } } };
    expect(validateTemplateParameters(once, {}).values).toEqual({ x: 1 });
    expect(validateTemplateParameters(once, { x: 2 }).values).toEqual({ x: 2 });
  });

  it('reports an invalid schema', () => {
    expect(() =>
      validateTemplateParameters({ type: 'no-such-type' }, {}),
    ).toThrow(/parameters schema is invalid/);
  });
});
