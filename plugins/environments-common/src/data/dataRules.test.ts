import { formatZodError } from '../zodErrors';
import { columnKey, tableKey } from './columnKeys';
import { dataRulesSchema } from './dataRules';

function errorOf(input: unknown): string {
  const result = dataRulesSchema.safeParse(input);
  if (result.success) throw new Error('expected an error');
  return formatZodError(result.error);
}

describe('dataRulesSchema', () => {
  it('fills in defaults', () => {
    expect(dataRulesSchema.parse({})).toEqual({
      sensitive: [],
      rules: [],
      subset: [],
    });
  });

  it('accepts rules, subsets and a seed', () => {
    const rules = {
      sensitive: ['customers.email', 'crm.contacts.phone'],
      rules: [
        { column: 'customers.email', transform: 'email' },
        { column: 'customers.country', transform: 'fixed', value: 'NL' },
      ],
      subset: [
        { table: 'orders', where: "created_at > now() - interval '30 days'" },
        { table: 'audit.events', limit: 0 },
      ],
      seed: { sql: 'insert into customers values (1)' },
    };
    expect(dataRulesSchema.parse(rules)).toEqual(rules);
    expect(
      dataRulesSchema.parse({ seed: { image: 'ghcr.io/acme/seed:1' } }).seed,
    ).toEqual({ image: 'ghcr.io/acme/seed:1' });
  });

  it.each([
    [{ sensitive: ['email'] }, 'sensitive[0]: must name a column'],
    [
      { rules: [{ column: 'users.email', transform: 'scramble' }] },
      'rules[0].transform: must be one of email, name, phone, hash, null, fixed, keep',
    ],
    [
      { rules: [{ column: 'users.country', transform: 'fixed' }] },
      'rules[0].value: is required for the fixed transform',
    ],
    [
      { rules: [{ column: 'users.email', transform: 'email', value: 'x' }] },
      'rules[0].value: is only allowed for the fixed transform, not email',
    ],
    [
      {
        rules: [
          { column: 'users.email', transform: 'email' },
          { column: 'public.USERS.email', transform: 'hash' },
        ],
      },
      'rules[1].column: names public.USERS.email twice',
    ],
    [
      { subset: [{ table: 'orders', where: '1=1; drop table users' }] },
      'subset[0].where: must be one SQL condition',
    ],
    [
      { subset: [{ table: 'orders', where: 'true -- all' }] },
      'subset[0].where: must be one SQL condition',
    ],
    [
      { subset: [{ table: 'orders' }] },
      'subset[0]: must have a where or a limit',
    ],
    [
      { subset: [{ table: 'orders', limit: -1 }] },
      'subset[0].limit: must be between 0',
    ],
    [
      { subset: [{ table: 'a"b', limit: 1 }] },
      'subset[0].table: must name a table',
    ],
    [
      { seed: { sql: 'x', image: 'y' } },
      'seed: must be { sql } or { image, command }',
    ],
    [{ colour: 'red' }, 'colour'],
  ])('rejects %j naming the field', (input, message) => {
    expect(errorOf(input)).toContain(message);
  });
});

describe('columnKey and tableKey', () => {
  it('add the default schema and lower-case', () => {
    expect(columnKey('Users.Email')).toBe('public.users.email');
    expect(columnKey('crm.users.email')).toBe('crm.users.email');
    expect(columnKey('users.email', 'shop')).toBe('shop.users.email');
    expect(tableKey('Orders')).toBe('public.orders');
    expect(tableKey('audit.events')).toBe('audit.events');
  });
});
