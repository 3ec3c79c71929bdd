import type { ApiVariable } from '../api';
import { makeEnvironment, makeService } from '../__testUtils__/environments';
import { builtinRows, variableRows } from './variables';

const environment = makeEnvironment({
  name: 'shop-dev',
  variables: [
    { key: 'LOG_LEVEL', kind: 'value', value: 'debug' },
    { key: 'STRIPE_KEY', kind: 'secret', isSet: true },
  ],
  services: [
    makeService({
      name: 'orders-api',
      kind: 'application',
      ports: [{ port: 8080, public: true }],
      variables: [
        { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
        { key: 'PAYMENT_KEY', kind: 'alias', aliasOf: 'STRIPE_KEY' },
      ],
    }),
    makeService({
      name: 'orders-db',
      kind: 'database',
      database: { engine: 'postgresql', version: '16', mode: 'container' },
    }),
  ],
});

describe('variableRows', () => {
  it('lists environment variables first, then each service, with alias targets', () => {
    const { rows, problem } = variableRows(environment);

    expect(problem).toBeUndefined();
    expect(rows).toEqual([
      { scope: 'environment', key: 'LOG_LEVEL', kind: 'value', value: 'debug' },
      { scope: 'environment', key: 'STRIPE_KEY', kind: 'secret', isSet: true },
      {
        scope: 'orders-api',
        key: 'DATABASE_URL',
        kind: 'alias',
        aliasOf: 'GR_ORDERS_DB_URL',
        resolvedValue:
          'postgresql://orders_db@orders-db-shop-dev:5432/orders_db',
        resolvesToSecret: false,
      },
      {
        scope: 'orders-api',
        key: 'PAYMENT_KEY',
        kind: 'alias',
        aliasOf: 'STRIPE_KEY',
        resolvedValue: undefined,
        resolvesToSecret: true,
      },
    ]);
  });

  it('never carries a secret value, even one the API should not have sent', () => {
    const leaky = makeEnvironment({
      name: 'leaky',
      variables: [
        {
          key: 'STRIPE_KEY',
          kind: 'secret',
          isSet: true,
          value: 'sk_live_leaked',
        } as ApiVariable,
        { key: 'ALIAS', kind: 'alias', aliasOf: 'STRIPE_KEY' },
      ],
    });

    const { rows } = variableRows(leaky);

    expect(JSON.stringify(rows)).not.toContain('sk_live_leaked');
  });

  it('reports an alias whose target does not exist instead of throwing', () => {
    const broken = makeEnvironment({
      name: 'broken',
      variables: [{ key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_NOPE' }],
    });

    const { rows, problem } = variableRows(broken);

    expect(problem).toBe(
      'Variable DATABASE_URL is an alias of GR_NOPE, which is not defined',
    );
    expect(rows).toEqual([
      expect.objectContaining({
        key: 'DATABASE_URL',
        aliasOf: 'GR_NOPE',
        resolvedValue: undefined,
      }),
    ]);
  });
});

describe('builtinRows', () => {
  it('computes the built-ins, with database passwords as secrets without value', () => {
    const rows = builtinRows(environment);
    const byKey = Object.fromEntries(rows.map(row => [row.key, row]));

    expect(byKey.GR_ENVIRONMENT_NAME).toEqual({
      key: 'GR_ENVIRONMENT_NAME',
      value: 'shop-dev',
      secret: false,
    });
    expect(byKey.GR_ORDERS_API_URL.value).toBe(
      'http://orders-api-shop-dev:8080',
    );
    expect(byKey.GR_ORDERS_DB_PASSWORD).toEqual({
      key: 'GR_ORDERS_DB_PASSWORD',
      value: undefined,
      secret: true,
    });
  });
});
