import { dataRulesSchema } from '../data/dataRules';
import type { Environment } from '../schemas/environment';
import { testEnvironment, testService } from './__testUtils__/fixtures';
import { type CloneRequestInput, cloneRequestSchema } from './cloneRequest';
import { ClonePlanError, planClone } from './planClone';

const customerRules = dataRulesSchema.parse({
  sensitive: ['customers.email', 'customers.phone'],
  rules: [
    { column: 'customers.email', transform: 'email' },
    { column: 'customers.phone', transform: 'phone' },
  ],
  subset: [{ table: 'orders', where: "status = 'open'", limit: 500 }],
  seed: { sql: "insert into customers (email) values ('demo@example.com')" },
});

function source(mode: Environment['mode'], data = customerRules) {
  return testEnvironment(mode, {
    mode,
    services: [
      testService('web', 'application'),
      testService('orders-db', 'database', {
        database: {
          engine: 'postgresql',
          version: '16',
          mode: 'container',
          data,
        },
      }),
      testService('cache', 'database', {
        database: { engine: 'redis', version: '7', mode: 'container' },
      }),
    ],
  });
}

const request = (input: Omit<CloneRequestInput, 'name' | 'mode'>) =>
  cloneRequestSchema.parse({ name: 'dev-ada', mode: 'development', ...input });

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ClonePlanError) return error.message;
    throw error;
  }
  throw new Error('expected a ClonePlanError');
}

describe('planClone data', () => {
  it('copies PostgreSQL through its rules and starts the cache empty, saying why', () => {
    const plan = planClone(source('staging'), request({ dataPolicy: 'copy' }));
    const [orders, cache] = plan.data;
    expect(orders).toMatchObject({
      service: 'orders-db',
      action: 'copy',
      detail:
        'copied from orders-db-staging, 2 columns transformed, 1 table subset',
      rules: customerRules,
    });
    expect(orders.preview?.[0]).toMatchObject({
      table: 'customers',
      columns: ['email', 'phone'],
    });
    expect(orders.preview?.[0].rows[0].after[0]).toMatch(/@example\.invalid$/);
    expect(cache).toMatchObject({ action: 'empty' });
    expect(plan.attention).toContainEqual({
      item: 'data:cache',
      reason: expect.stringContaining(
        'redis database, whose data is not copied',
      ),
    });
  });

  it('takes per-database choices over the default', () => {
    const plan = planClone(
      source('staging'),
      request({
        dataPolicy: 'copy',
        data: { 'orders-db': { policy: 'seed' }, cache: { policy: 'empty' } },
      }),
    );
    expect(plan.data.map(d => [d.service, d.action])).toEqual([
      ['orders-db', 'run-seed'],
      ['cache', 'empty'],
    ]);
    expect(plan.data[0].seed).toEqual(customerRules.seed);
    expect(plan.attention).toEqual([]);
  });

  it('runs the seed the request names over the service’s', () => {
    const plan = planClone(
      source('staging'),
      request({
        data: {
          'orders-db': { policy: 'seed', seed: { image: 'acme/seed:2' } },
        },
      }),
    );
    expect(plan.data[0]).toMatchObject({
      action: 'run-seed',
      seed: { image: 'acme/seed:2' },
      detail: 'starts empty, then the seed job acme/seed:2 runs',
    });
  });

  it('falls back to the template’s rules and sensitive columns', () => {
    const plan = planClone(
      source('production', dataRulesSchema.parse({})),
      request({ dataPolicy: 'copy' }),
      {
        templateData: { 'orders-db': customerRules },
      },
    );
    expect(plan.data[0].rules).toEqual(customerRules);
  });

  it('refuses a copy out of production while a sensitive column has no rule, naming it', () => {
    const weakened = dataRulesSchema.parse({
      sensitive: ['customers.name'],
      rules: [{ column: 'customers.email', transform: 'keep' }],
    });
    expect(
      fieldOf(() =>
        planClone(
          source('production', weakened),
          request({ dataPolicy: 'copy' }),
          {
            templateData: { 'orders-db': customerRules },
          },
        ),
      ),
    ).toBe(
      "dataPolicy: cannot copy orders-db out of production environment 'production': sensitive column customers.name has no rule (add one to the service's database.data.rules)",
    );
    // The same rules out of staging are the owner's call.
    expect(
      planClone(source('staging', weakened), request({ dataPolicy: 'copy' }))
        .data[0].action,
    ).toBe('copy');
  });

  it.each([
    [
      { data: { web: { policy: 'copy' } } },
      'data.web: is not a database service the clone deploys',
    ],
    [
      { data: { cache: { policy: 'copy' } } },
      'data.cache.policy: cannot copy a redis database (cache); copies move postgresql and mysql data',
    ],
    [
      { data: { cache: { policy: 'seed' } } },
      'data.cache.seed: no seed is named by the request, the service or its template',
    ],
  ] as const)('refuses %j naming the field', (input, message) => {
    expect(fieldOf(() => planClone(source('staging'), request(input)))).toBe(
      message,
    );
  });
});
