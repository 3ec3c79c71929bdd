import { environmentInputSchema } from '../schemas/environment';
import { resolveVariables } from '../variables';
import { testEnvironment, testService } from './__testUtils__/fixtures';
import { CloneRequest, cloneRequestSchema } from './cloneRequest';
import { ClonePlanError, planClone } from './planClone';

const STRIPE = 'sk_live_canary_0123456789';
const WEB_TOKEN = 'web_token_canary_9876543210';

const staging = testEnvironment('staging', {
  services: [
    testService('web', 'application', {
      componentRef: 'component:default/shop-web',
      image: { repository: 'ghcr.io/acme/shop-web', tag: '1.4.2' },
      git: { repository: 'acme/shop-web', branch: 'main' },
      template: { ref: 'servicetemplate:default/node-app', version: '1.2.0' },
      ports: [{ port: 8080, public: true }],
      resources: { cpu: '500m', memory: '512Mi' },
      replicas: 2,
      customDomains: ['shop.example.com'],
      variables: [
        {
          key: 'ORDERS_URL',
          kind: 'value',
          value: 'http://orders-api-staging:8080/v1',
        },
        { key: 'WEB_TOKEN', kind: 'secret', value: WEB_TOKEN },
        { key: 'DB', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
      ],
    }),
    testService('orders-api', 'application', {
      ports: [{ port: 8080, public: false }],
      variables: [
        { key: 'SEARCH', kind: 'value', value: 'http://search-staging:9200' },
      ],
    }),
    testService('orders-db', 'database', {
      ports: [{ port: 5432, public: false }],
      database: {
        engine: 'postgresql',
        version: '16',
        mode: 'managed',
        instanceClass: 'db.t4g.micro',
      },
    }),
    testService('cache', 'database', {
      database: { engine: 'redis', version: '7', mode: 'container' },
    }),
    testService('search', 'container', {
      image: { repository: 'opensearch', tag: '2' },
      ports: [{ port: 9200, public: false }],
    }),
  ],
  variables: [
    { key: 'LOG_LEVEL', kind: 'value', value: 'info' },
    { key: 'APP_ENV', kind: 'value', value: 'staging' },
    {
      key: 'ASSETS_URL',
      kind: 'value',
      value: 'https://assets-staging.example.com/shop',
    },
    { key: 'STRIPE_KEY', kind: 'secret', value: STRIPE },
    { key: 'STRIPE', kind: 'alias', aliasOf: 'STRIPE_KEY' },
    { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
    { key: 'PRIMARY_DB', kind: 'alias', aliasOf: 'DATABASE_URL' },
  ],
});

const request = (extra: Partial<CloneRequest> = {}): CloneRequest =>
  cloneRequestSchema.parse({ name: 'dev-ada', mode: 'development', ...extra });

function thrown(fn: () => unknown): ClonePlanError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ClonePlanError);
    return error as ClonePlanError;
  }
  throw new Error('expected an error');
}

describe('planClone', () => {
  it('copies services, values and aliases into a valid create input', () => {
    const { input } = planClone(staging, request());
    expect(environmentInputSchema.safeParse(input).success).toBe(true);
    expect(input).toMatchObject({
      name: 'dev-ada',
      system: 'system:default/shop',
      owner: 'group:default/team-shop',
      mode: 'development',
      runtime: { type: 'kubernetes', target: 'eu-1' },
    });
    expect(input.title).toBeUndefined();
    expect(input.policy).toBeUndefined();
    expect(input.services.map(s => s.name)).toEqual([
      'web',
      'orders-api',
      'orders-db',
      'cache',
      'search',
    ]);
    expect(input.services[0]).toEqual({
      name: 'web',
      kind: 'application',
      componentRef: 'component:default/shop-web',
      template: { ref: 'servicetemplate:default/node-app', version: '1.2.0' },
      image: { repository: 'ghcr.io/acme/shop-web', tag: '1.4.2' },
      git: { repository: 'acme/shop-web', branch: 'main' },
      ports: [{ port: 8080, public: true }],
      resources: { cpu: '500m', memory: '512Mi' },
      replicas: 2,
      customDomains: [],
      variables: [
        {
          key: 'ORDERS_URL',
          kind: 'value',
          value: 'http://orders-api-dev-ada:8080/v1',
        },
        { key: 'DB', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
      ],
    });
    expect(input.services[2].database).toEqual({
      engine: 'postgresql',
      version: '16',
      mode: 'managed',
      instanceClass: 'db.t4g.micro',
    });
    expect(input.variables).toEqual([
      { key: 'LOG_LEVEL', kind: 'value', value: 'info' },
      // the bare name is not a host: apps may read it as a setting
      { key: 'APP_ENV', kind: 'value', value: 'staging' },
      {
        key: 'ASSETS_URL',
        kind: 'value',
        value: 'https://assets-dev-ada.example.com/shop',
      },
      { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
      { key: 'PRIMARY_DB', kind: 'alias', aliasOf: 'DATABASE_URL' },
    ]);
  });

  it('points every alias at the clone', () => {
    const { input } = planClone(staging, request());
    const web = Object.fromEntries(
      resolveVariables(input).services.web.map(v => [v.key, v.value]),
    );
    expect(web.DB).toBe(
      'postgresql://orders_db@orders-db-dev-ada:5432/orders_db',
    );
    expect(web.PRIMARY_DB).toBe(web.DB);
    expect(web.GR_ENVIRONMENT_NAME).toBe('dev-ada');
  });

  it('lists secrets, custom domains and aliases of secrets in attention, without their values', () => {
    const plan = planClone(staging, request());
    expect(plan.attention).toEqual([
      {
        item: 'domain:shop.example.com',
        reason: expect.stringContaining('stay with staging'),
      },
      {
        item: 'secret:web/WEB_TOKEN',
        reason: 'secrets are not copied: set a value for the clone',
      },
      {
        item: 'secret:STRIPE_KEY',
        reason: 'secrets are not copied: set a value for the clone',
      },
      {
        item: 'variable:STRIPE',
        reason: 'alias of STRIPE_KEY, a secret, which is not copied',
      },
    ]);
    const text = JSON.stringify(plan);
    expect(text).not.toContain(STRIPE);
    expect(text).not.toContain(WEB_TOKEN);
  });

  it("gives the clone the requested owner, or the source's", () => {
    expect(planClone(staging, request()).input.owner).toBe(
      'group:default/team-shop',
    );
    const plan = planClone(
      staging,
      request({ owner: 'group:default/team-ada' }),
    );
    expect(plan.input.owner).toBe('group:default/team-ada');
    expect(plan.diff).toContainEqual({
      kind: 'changed',
      path: 'owner',
      from: 'group:default/team-shop',
      to: 'group:default/team-ada',
    });
  });

  it('shows what is copied, what changes and why in the diff', () => {
    const { diff } = planClone(staging, request({ ttl: '3d', title: 'Ada' }));
    expect(diff).toEqual(
      expect.arrayContaining([
        { kind: 'changed', path: 'name', from: 'staging', to: 'dev-ada' },
        { kind: 'changed', path: 'title', from: 'staging title', to: 'Ada' },
        { kind: 'changed', path: 'mode', from: 'staging', to: 'development' },
        { kind: 'copied', path: 'owner', to: 'group:default/team-shop' },
        { kind: 'copied', path: 'runtime', to: 'kubernetes (eu-1)' },
        expect.objectContaining({
          kind: 'changed',
          path: 'policy',
          from: 'idleAfter 2h, priority 70',
          to: 'development defaults, ttl 3d',
        }),
        {
          kind: 'copied',
          path: 'services.web',
          to: 'application, ghcr.io/acme/shop-web:1.4.2, 2 replicas',
        },
        { kind: 'copied', path: 'variables.LOG_LEVEL' },
        expect.objectContaining({
          kind: 'changed',
          path: 'variables.ASSETS_URL',
          from: 'https://assets-staging.example.com/shop',
          to: 'https://assets-dev-ada.example.com/shop',
        }),
        expect.objectContaining({
          kind: 'changed',
          path: 'services.web.variables.ORDERS_URL',
          from: 'http://orders-api-staging:8080/v1',
          to: 'http://orders-api-dev-ada:8080/v1',
        }),
        {
          kind: 'changed',
          path: 'variables.GR_ORDERS_DB_HOST',
          from: 'orders-db-staging',
          to: 'orders-db-dev-ada',
          reason: 'built-in, recomputed for the clone',
        },
        expect.objectContaining({
          kind: 'changed',
          path: 'variables.GR_ENVIRONMENT_MODE',
          from: 'staging',
          to: 'development',
        }),
        expect.objectContaining({
          kind: 'changed',
          path: 'variables.DATABASE_URL',
          from: 'postgresql://orders_db@orders-db-staging:5432/orders_db',
          to: 'postgresql://orders_db@orders-db-dev-ada:5432/orders_db',
        }),
        expect.objectContaining({
          kind: 'attention',
          path: 'variables.STRIPE_KEY',
        }),
        expect.objectContaining({
          kind: 'attention',
          path: 'services.web.customDomains',
          from: 'shop.example.com',
        }),
        {
          kind: 'data',
          path: 'services.orders-db',
          to: 'empty',
          reason: 'starts empty',
        },
      ]),
    );
    // Built-ins are recomputed, never copied as variables.
    const { input } = planClone(staging, request());
    expect(input.variables.some(v => v.key.startsWith('GR_'))).toBe(false);
  });

  it('sets only the requested ttl; the mode decides the rest of the policy', () => {
    expect(planClone(staging, request({ ttl: '3d' })).input.policy).toEqual({
      ttl: '3d',
    });
    expect(planClone(staging, request({ title: 'Ada' })).input.title).toBe(
      'Ada',
    );
  });

  describe('a subset of services', () => {
    const plan = planClone(
      staging,
      request({ services: ['web', 'orders-api'] }),
    );

    it('keeps only the requested services, in the source order', () => {
      expect(plan.input.services.map(s => s.name)).toEqual([
        'web',
        'orders-api',
      ]);
      expect(plan.diff).toEqual(
        expect.arrayContaining(
          ['orders-db', 'cache', 'search'].map(name => ({
            kind: 'dropped',
            path: `services.${name}`,
            reason: 'not among the requested services',
          })),
        ),
      );
      expect(plan.data).toEqual([]);
    });

    it('drops aliases of what is left out, with attention, also along alias chains', () => {
      expect(plan.input.variables.map(v => v.key)).toEqual([
        'LOG_LEVEL',
        'APP_ENV',
        'ASSETS_URL',
      ]);
      expect(plan.input.services[0].variables.map(v => v.key)).toEqual([
        'ORDERS_URL',
      ]);
      expect(plan.attention).toEqual(
        expect.arrayContaining([
          {
            item: 'variable:web/DB',
            reason:
              'alias of GR_ORDERS_DB_URL, a built-in of orders-db, which is not part of the clone',
          },
          {
            item: 'variable:DATABASE_URL',
            reason:
              'alias of GR_ORDERS_DB_URL, a built-in of orders-db, which is not part of the clone',
          },
          {
            item: 'variable:PRIMARY_DB',
            reason: 'alias of DATABASE_URL, which is not copied',
          },
        ]),
      );
      expect(() => resolveVariables(plan.input)).not.toThrow();
    });

    it('drops plain values that refer to a service left out, rather than keep a source host', () => {
      expect(plan.input.services[1].variables).toEqual([]);
      expect(plan.attention).toContainEqual({
        item: 'variable:orders-api/SEARCH',
        reason:
          'refers to search-staging, a service of staging that is not part of the clone',
      });
    });

    it('names unknown services', () => {
      const error = thrown(() =>
        planClone(staging, request({ services: ['web', 'nope', 'gone'] })),
      );
      expect(error.field).toBe('services');
      expect(error.message).toBe(
        'services: staging has no service named nope, gone',
      );
    });
  });

  describe('data policies', () => {
    const actions = (dataPolicy: CloneRequest['dataPolicy']) =>
      planClone(staging, request({ dataPolicy })).data.map(
        ({ service, action }) => [service, action],
      );

    it('starts every database empty by default', () => {
      expect(actions('empty')).toEqual([
        ['orders-db', 'empty'],
        ['cache', 'empty'],
      ]);
    });

    it('restores managed databases from a snapshot; container ones start empty with attention', () => {
      const plan = planClone(staging, request({ dataPolicy: 'snapshot' }));
      expect(plan.data).toEqual([
        {
          service: 'orders-db',
          engine: 'postgresql',
          action: 'restore-snapshot',
          detail: 'restored from a snapshot of orders-db-staging',
        },
        {
          service: 'cache',
          engine: 'redis',
          action: 'empty',
          detail:
            'starts empty: a container database has no snapshot to restore',
        },
      ]);
      expect(plan.attention).toContainEqual({
        item: 'data:cache',
        reason: expect.stringContaining(
          'a container database cannot be restored from a snapshot',
        ),
      });
      expect(plan.diff).toContainEqual(
        expect.objectContaining({
          kind: 'data',
          path: 'services.orders-db',
          to: 'restore-snapshot',
        }),
      );
    });

    it('starts a database without a seed empty, saying so', () => {
      const plan = planClone(staging, request({ dataPolicy: 'seed' }));
      expect(plan.data.map(d => [d.service, d.action])).toEqual([
        ['orders-db', 'empty'],
        ['cache', 'empty'],
      ]);
      expect(plan.attention).toContainEqual({
        item: 'data:orders-db',
        reason: expect.stringContaining('no seed is named for orders-db'),
      });
    });
  });

  describe('names', () => {
    it('refuses the source name', () => {
      expect(
        thrown(() => planClone(staging, request({ name: 'staging' }))).field,
      ).toBe('name');
    });

    it('refuses a name that gives the clone a host of the source', () => {
      const source = testEnvironment('staging', {
        services: [
          testService('web', 'application'),
          testService('web-eu', 'application'),
        ],
      });
      // web in eu-staging and web-eu in staging are both web-eu-staging
      const error = thrown(() =>
        planClone(source, request({ name: 'eu-staging' })),
      );
      expect(error.message).toContain(
        'host web-eu-staging, which is the host of service web-eu in staging',
      );
      expect(
        thrown(() => planClone(source, request({ name: 'web-staging' }))).field,
      ).toBe('name');
      // a host of the source stays one even when its service is left out
      expect(
        thrown(() =>
          planClone(source, request({ name: 'eu-staging', services: ['web'] })),
        ).field,
      ).toBe('name');
      expect(() =>
        planClone(
          source,
          request({ name: 'eu-staging', services: ['web-eu'] }),
        ),
      ).not.toThrow();
    });

    it('accepts a name that extends the source name', () => {
      const source = testEnvironment('dev', {
        services: [
          testService('api', 'application', {
            ports: [{ port: 80, public: true }],
          }),
        ],
        variables: [{ key: 'SELF', kind: 'value', value: 'http://api-dev:80' }],
      });
      const { input } = planClone(source, request({ name: 'dev-2' }));
      expect(input.variables).toEqual([
        { key: 'SELF', kind: 'value', value: 'http://api-dev-2:80' },
      ]);
    });
  });
});
