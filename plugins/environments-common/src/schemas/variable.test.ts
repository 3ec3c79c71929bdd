import { formatZodError } from '../zodErrors';
import { variableInputSchema, variableSchema } from './variable';

describe('variableSchema', () => {
  it.each([
    { key: 'LOG_LEVEL', kind: 'value', value: 'debug' },
    { key: '_PRIVATE', kind: 'value', value: '' },
    { key: 'STRIPE_KEY', kind: 'secret', value: 'sk_live' },
    { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_DB_URL' },
    { key: 'GR_DB_HOST', kind: 'builtin', value: 'db-shop' },
    { key: 'GR_DB_PASSWORD', kind: 'builtin' },
  ])('accepts %j', variable => {
    expect(variableSchema.parse(variable)).toEqual(variable);
  });

  it.each([
    [
      { key: 'log_level', kind: 'value', value: 'x' },
      'key: must be upper case',
    ],
    [{ key: '1ABC', kind: 'value', value: 'x' }, 'key: must be upper case'],
    [{ key: 'A-B', kind: 'value', value: 'x' }, 'key: must be upper case'],
    [{ key: 'A', kind: 'value' }, 'value: is required for a value variable'],
    [{ key: 'A', kind: 'secret' }, 'value: is required for a secret variable'],
    [{ key: 'A', kind: 'alias' }, 'aliasOf: is required for an alias variable'],
    [
      { key: 'A', kind: 'alias', aliasOf: 'B', value: 'x' },
      'value: must not be set on an alias variable',
    ],
    [
      { key: 'A', kind: 'value', value: 'x', aliasOf: 'B' },
      'aliasOf: must only be set on an alias variable',
    ],
    [{ key: 'A', kind: 'alias', aliasOf: 'b' }, 'aliasOf: must be upper case'],
    [{ key: 'A', kind: 'file', value: 'x' }, 'kind: must be one of'],
    [{ kind: 'value', value: 'x' }, 'key: is required'],
  ])('rejects %j', (variable, message) => {
    const result = variableSchema.safeParse(variable);
    expect(result.success).toBe(false);
    expect(formatZodError(result.error!)).toContain(message);
  });
});

describe('variableInputSchema', () => {
  it('rejects built-ins: they are computed, never set', () => {
    const result = variableInputSchema.safeParse({
      key: 'GR_DB_HOST',
      kind: 'builtin',
      value: 'x',
    });
    expect(result.success).toBe(false);
    expect(formatZodError(result.error!)).toBe(
      'kind: must be one of "value", "secret", "alias" (built-in variables are computed, not set)',
    );
  });

  it('rejects unknown fields by name', () => {
    const result = variableInputSchema.safeParse({
      key: 'A',
      kind: 'value',
      value: 'x',
      vaule: 'y',
    });
    expect(formatZodError(result.error!)).toBe('vaule: unknown field');
  });

  it('accepts a user variable named like a built-in (it overrides it)', () => {
    expect(
      variableInputSchema.safeParse({
        key: 'GR_ENVIRONMENT_NAME',
        kind: 'value',
        value: 'custom',
      }).success,
    ).toBe(true);
  });
});
