import { environmentInputSchema } from '../schemas/environment';
import { resolveVariables } from '../variables';
import { testEnvironment, testService } from './__testUtils__/fixtures';
import { cloneRequestSchema } from './cloneRequest';
import { planClone } from './planClone';

const staging = testEnvironment('staging', {
  services: [
    testService('web', 'application', {
      ports: [{ port: 8080, public: true }],
      variables: [
        {
          key: 'ORDERS_URL',
          kind: 'value',
          value: 'http://orders-api-staging:8080/v1',
        },
        { key: 'DB', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
      ],
    }),
    testService('orders-api', 'application', {
      ports: [{ port: 8080, public: false }],
    }),
    testService('orders-db', 'database', {
      ports: [{ port: 5432, public: false }],
      database: { engine: 'postgresql', version: '16', mode: 'container' },
    }),
  ],
  variables: [
    { key: 'SEARCH_URL', kind: 'value', value: 'http://orders-api-staging' },
  ],
});

const plan = (extra: object) =>
  planClone(
    staging,
    cloneRequestSchema.parse({
      name: 'pr-7',
      mode: 'preview',
      services: ['web'],
      ...extra,
    }),
  );

describe('planClone with a shared baseline', () => {
  it('deploys the named services and the databases, and keeps the others at the source', () => {
    const { input, baseline, diff, attention } = plan({ baseline: {} });
    expect(environmentInputSchema.safeParse(input).success).toBe(true);
    expect(input.services.map(s => s.name)).toEqual(['web', 'orders-db']);
    expect(baseline).toEqual({
      environmentId: staging.id,
      environment: 'staging',
      databases: 'clone',
    });
    // The variable that reaches a shared service is kept, pointing at the source.
    expect(input.services[0].variables).toContainEqual({
      key: 'ORDERS_URL',
      kind: 'value',
      value: 'http://orders-api-staging:8080/v1',
    });
    expect(input.variables).toContainEqual({
      key: 'SEARCH_URL',
      kind: 'value',
      value: 'http://orders-api-staging',
    });
    expect(diff.filter(d => d.kind === 'shared')).toEqual([
      {
        kind: 'shared',
        path: 'services.orders-api',
        to: 'orders-api-staging',
        reason: 'not deployed: the clone reaches orders-api of staging',
      },
    ]);
    expect(diff.some(d => d.kind === 'dropped')).toBe(false);
    expect(attention.map(a => a.item)).not.toContain('shared-data:orders-db');
  });

  it('shares databases only on request, and says writes reach the source', () => {
    const { input, diff, attention, data } = plan({
      baseline: { databases: 'share' },
    });
    expect(input.services.map(s => s.name)).toEqual(['web']);
    expect(data).toEqual([]);
    expect(diff.filter(d => d.kind === 'shared').map(d => d.path)).toEqual([
      'services.orders-api',
      'services.orders-db',
    ]);
    expect(attention).toContainEqual({
      item: 'shared-data:orders-db',
      reason:
        "shared with staging: the clone's writes reach staging's database orders-db",
    });
    // The alias to the shared database's built-in survives and resolves to the source's host.
    const resolved = resolveVariables(
      {
        name: 'pr-7',
        mode: 'preview',
        services: input.services.map(s => ({
          ...s,
          ports: s.ports ?? [],
          variables: s.variables ?? [],
        })) as never,
        variables: input.variables as never,
      },
      { baseline: { name: 'staging', services: staging.services } },
    );
    expect(resolved.services.web.find(v => v.key === 'DB')?.value).toBe(
      'postgresql://orders_db@orders-db-staging:5432/orders_db',
    );
    expect(
      resolved.services.web.find(v => v.key === 'GR_ORDERS_API_HOST')?.value,
    ).toBe('orders-api-staging');
    expect(
      resolved.services.web.find(v => v.key === 'GR_WEB_HOST')?.value,
    ).toBe('web-pr-7');
  });

  it('without a baseline, services left out are dropped as before', () => {
    const { input, diff, baseline } = plan({});
    expect(baseline).toBeUndefined();
    expect(input.services.map(s => s.name)).toEqual(['web']);
    expect(diff.filter(d => d.kind === 'dropped').map(d => d.path)).toEqual([
      'services.orders-api',
      'services.orders-db',
    ]);
  });

  it('names the field of a bad database policy', () => {
    const result = cloneRequestSchema.safeParse({
      name: 'pr-7',
      mode: 'preview',
      baseline: { databases: 'copy' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['baseline', 'databases']);
  });

  it('sets the requested plain values over the copied ones', () => {
    const { input, diff } = plan({
      baseline: {},
      variables: [
        { key: 'SEARCH_URL', kind: 'value', value: 'http://search-pr-7' },
        { key: 'FEATURE_X', kind: 'value', value: 'on' },
      ],
    });
    expect(input.variables).toEqual([
      { key: 'SEARCH_URL', kind: 'value', value: 'http://search-pr-7' },
      { key: 'FEATURE_X', kind: 'value', value: 'on' },
    ]);
    expect(diff).toContainEqual({
      kind: 'changed',
      path: 'variables.SEARCH_URL',
      from: 'http://orders-api-staging',
      to: 'http://search-pr-7',
      reason: 'set by the request',
    });
    const secret = cloneRequestSchema.safeParse({
      name: 'pr-7',
      mode: 'preview',
      variables: [{ key: 'TOKEN', kind: 'secret', value: 'x' }],
    });
    expect(secret.error?.issues[0].path).toEqual(['variables', 0, 'kind']);
  });
});
