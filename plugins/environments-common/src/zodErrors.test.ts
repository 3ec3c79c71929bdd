import { z } from 'zod';
import { formatPath, formatZodError, zodFieldErrors } from './zodErrors';

describe('formatPath', () => {
  it.each([
    [[], ''],
    [['name'], 'name'],
    [['services', 0, 'ports', 1, 'port'], 'services[0].ports[1].port'],
    [['labels', 'app.kubernetes.io/name'], 'labels["app.kubernetes.io/name"]'],
  ])('formats %j as %j', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});

describe('formatZodError', () => {
  const schema = z.strictObject({
    name: z.string(),
    services: z.array(
      z.strictObject({
        ports: z.array(
          z.strictObject({
            port: z.number().min(1, { error: 'must be between 1 and 65535' }),
          }),
        ),
      }),
    ),
  });

  it('names each failing field path', () => {
    const result = schema.safeParse({
      name: 'x',
      services: [{ ports: [{ port: 80 }, { port: 0 }] }],
    });
    expect(formatZodError(result.error!)).toBe(
      'services[0].ports[1].port: must be between 1 and 65535',
    );
  });

  it('joins several problems, says "is required" and names unknown fields', () => {
    const result = schema.safeParse({
      services: [{ ports: [], extra: 1 }],
      typo: 2,
    });
    expect(formatZodError(result.error!)).toBe(
      'name: is required; services[0].extra: unknown field; typo: unknown field',
    );
  });

  it('adds a prefix', () => {
    const result = z.object({ a: z.number() }).safeParse({ a: 'x' });
    expect(formatZodError(result.error!, 'Invalid environment')).toBe(
      'Invalid environment: a: Invalid input: expected number, received string',
    );
  });

  it('labels problems with the whole value as (root)', () => {
    const result = z.string().safeParse(1);
    expect(formatZodError(result.error!)).toBe(
      '(root): Invalid input: expected string, received number',
    );
  });

  it('says what each alternative of a union expected', () => {
    const result = z
      .object({ a: z.union([z.number(), z.boolean()]) })
      .safeParse({ a: 'x' });
    expect(formatZodError(result.error!)).toBe(
      'a: Invalid input: expected number, received string, or Invalid input: expected boolean, received string',
    );
  });
});

describe('zodFieldErrors', () => {
  it('lists each failing field apart, once, naming a bad key of a record', () => {
    const schema = z.strictObject({
      env: z.record(
        z.string().regex(/^[A-Z]+$/, { error: 'must be upper case' }),
        z.string(),
      ),
      n: z
        .number()
        .min(1, { error: 'too small' })
        .max(0, { error: 'too small' }),
    });
    const result = schema.safeParse({ env: { ok: 'x' }, n: 0.5 });
    expect(zodFieldErrors(result.error!)).toEqual([
      { field: 'env.ok', message: 'must be upper case' },
      { field: 'n', message: 'too small' },
    ]);
  });
});
