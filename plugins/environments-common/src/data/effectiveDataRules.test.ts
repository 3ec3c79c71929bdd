import { dataRulesSchema } from './dataRules';
import {
  effectiveDataRules,
  unruledSensitiveColumns,
} from './effectiveDataRules';

const rules = (input: unknown) => dataRulesSchema.parse(input);

describe('effectiveDataRules', () => {
  const template = rules({
    sensitive: ['customers.email', 'customers.phone'],
    rules: [
      { column: 'customers.email', transform: 'email' },
      { column: 'customers.phone', transform: 'phone' },
    ],
    subset: [{ table: 'orders', limit: 1000 }],
    seed: { sql: 'select 1' },
  });

  it('adds the environment’s rules over the template’s', () => {
    const merged = effectiveDataRules(
      template,
      rules({
        sensitive: ['customers.name'],
        rules: [
          { column: 'public.customers.phone', transform: 'null' },
          { column: 'customers.name', transform: 'name' },
        ],
        subset: [{ table: 'public.orders', limit: 10 }],
      }),
    );
    expect(merged.sensitive).toEqual([
      'customers.email',
      'customers.phone',
      'customers.name',
    ]);
    expect(merged.rules).toEqual([
      { column: 'customers.email', transform: 'email' },
      { column: 'public.customers.phone', transform: 'null' },
      { column: 'customers.name', transform: 'name' },
    ]);
    expect(merged.subset).toEqual([{ table: 'public.orders', limit: 10 }]);
    expect(merged.seed).toEqual({ sql: 'select 1' });
  });

  it('never lets an environment keep a column the template marks sensitive', () => {
    const merged = effectiveDataRules(
      template,
      rules({
        sensitive: [],
        rules: [{ column: 'customers.email', transform: 'keep' }],
      }),
    );
    expect(merged.rules).toContainEqual({
      column: 'customers.email',
      transform: 'email',
    });
    expect(merged.sensitive).toContain('customers.email');
  });

  it('works with either side missing', () => {
    expect(effectiveDataRules(undefined, undefined)).toEqual({
      sensitive: [],
      rules: [],
      subset: [],
    });
    expect(effectiveDataRules(template, undefined)).toEqual(template);
  });
});

describe('unruledSensitiveColumns', () => {
  it('lists sensitive columns without a rule, as written', () => {
    expect(
      unruledSensitiveColumns(
        rules({
          sensitive: ['customers.email', 'Customers.Phone', 'crm.notes.body'],
          rules: [{ column: 'public.customers.phone', transform: 'hash' }],
        }),
      ),
    ).toEqual(['customers.email', 'crm.notes.body']);
  });
});
