import fc from 'fast-check';
import {
  DATABASE_ENGINES,
  ENVIRONMENT_MODES,
  SERVICE_KINDS,
} from './constants';
import type { Service } from './schemas/service';
import type { Variable } from './schemas/variable';
import {
  ResolvedVariable,
  VariableResolutionError,
  VariableResolutionInput,
  builtinVariablePrefix,
  builtinVariables,
  resolveVariables,
} from './variables';

function service(
  name: string,
  kind: Service['kind'],
  extra: Partial<Service> = {},
): Service {
  return {
    name,
    kind,
    ports: [],
    resources: { cpu: '250m', memory: '256Mi' },
    replicas: 1,
    customDomains: [],
    variables: [],
    ...extra,
  };
}

const shop: VariableResolutionInput = {
  name: 'shop-staging',
  mode: 'staging',
  services: [
    service('web', 'application', { ports: [{ port: 8080, public: true }] }),
    service('worker', 'job'),
    service('db', 'database', {
      database: { engine: 'postgresql', version: '16', mode: 'container' },
    }),
  ],
  variables: [],
};

function withVariables(
  environmentVariables: Variable[],
  serviceVariables: Record<string, Variable[]> = {},
): VariableResolutionInput {
  return {
    ...shop,
    variables: environmentVariables,
    services: shop.services.map(s => ({
      ...s,
      variables: serviceVariables[s.name] ?? [],
    })),
  };
}

function byKey(list: ResolvedVariable[]) {
  return Object.fromEntries(list.map(v => [v.key, v]));
}

function thrown(fn: () => unknown): VariableResolutionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(VariableResolutionError);
    return error as VariableResolutionError;
  }
  throw new Error('expected an error');
}

describe('builtinVariablePrefix', () => {
  it('upper-cases the service name and turns dashes into underscores', () => {
    expect(builtinVariablePrefix('orders-db')).toBe('GR_ORDERS_DB_');
  });
});

describe('builtinVariables', () => {
  it('lists environment, application, job and database built-ins', () => {
    expect(builtinVariables(shop)).toEqual([
      {
        key: 'GR_ENVIRONMENT_NAME',
        kind: 'builtin',
        value: 'shop-staging',
        secret: false,
        source: 'builtin',
      },
      {
        key: 'GR_ENVIRONMENT_MODE',
        kind: 'builtin',
        value: 'staging',
        secret: false,
        source: 'builtin',
      },
      {
        key: 'GR_WEB_HOST',
        kind: 'builtin',
        value: 'web-shop-staging',
        secret: false,
        source: 'builtin',
      },
      {
        key: 'GR_WEB_PORT',
        kind: 'builtin',
        value: '8080',
        secret: false,
        source: 'builtin',
      },
      {
        key: 'GR_WEB_URL',
        kind: 'builtin',
        value: 'http://web-shop-staging:8080',
        secret: false,
        source: 'builtin',
      },
      {
        key: 'GR_WORKER_HOST',
        kind: 'builtin',
        value: 'worker-shop-staging',
        secret: false,
        source: 'builtin',
      },
      {
        key: 'GR_DB_HOST',
        kind: 'builtin',
        value: 'db-shop-staging',
        secret: false,
        source: 'builtin',
      },
      {
        key: 'GR_DB_PORT',
        kind: 'builtin',
        value: '5432',
        secret: false,
        source: 'builtin',
      },
      {
        key: 'GR_DB_USERNAME',
        kind: 'builtin',
        value: 'db',
        secret: false,
        source: 'builtin',
      },
      {
        key: 'GR_DB_PASSWORD',
        kind: 'builtin',
        secret: true,
        source: 'builtin',
      },
      {
        key: 'GR_DB_DATABASE',
        kind: 'builtin',
        value: 'db',
        secret: false,
        source: 'builtin',
      },
      {
        key: 'GR_DB_URL',
        kind: 'builtin',
        value: 'postgresql://db@db-shop-staging:5432/db',
        secret: false,
        source: 'builtin',
      },
    ]);
  });

  it('omits _PORT and _URL of a service without ports', () => {
    const keys = builtinVariables({
      name: 'e',
      mode: 'development',
      services: [service('web', 'container')],
    }).map(v => v.key);
    expect(keys).toEqual([
      'GR_ENVIRONMENT_NAME',
      'GR_ENVIRONMENT_MODE',
      'GR_WEB_HOST',
    ]);
  });

  it.each([
    ['postgresql', 'postgresql://orders_db@orders-db-e:5432/orders_db'],
    ['mysql', 'mysql://orders_db@orders-db-e:3306/orders_db'],
    ['redis', 'redis://orders-db-e:6379'],
    ['mongodb', 'mongodb://orders_db@orders-db-e:27017/orders_db'],
  ] as const)(
    'gives %s a connection string with its default port',
    (engine, url) => {
      const vars = byKey(
        builtinVariables({
          name: 'e',
          mode: 'development',
          services: [
            service('orders-db', 'database', {
              database: { engine, version: '1', mode: 'container' },
            }),
          ],
        }),
      );
      expect(vars.GR_ORDERS_DB_URL.value).toBe(url);
    },
  );

  it('uses the first listed port of a database and the given credentials, never the password in the URL', () => {
    const environment = {
      name: 'e',
      mode: 'development' as const,
      services: [
        service('db', 'database', {
          ports: [{ port: 6543, public: false }],
          database: {
            engine: 'postgresql' as const,
            version: '16',
            mode: 'managed' as const,
          },
        }),
      ],
    };
    const credentials = {
      databaseCredentials: {
        db: { username: 'app user', password: 's3cr3t!', database: 'shop' },
      },
    };
    const masked = byKey(builtinVariables(environment, credentials));
    expect(masked.GR_DB_URL.value).toBe(
      'postgresql://app%20user@db-e:6543/shop',
    );
    expect(masked.GR_DB_PASSWORD).toEqual({
      key: 'GR_DB_PASSWORD',
      kind: 'builtin',
      secret: true,
      source: 'builtin',
    });
    const revealed = byKey(
      builtinVariables(environment, {
        ...credentials,
        includeSecretValues: true,
      }),
    );
    expect(revealed.GR_DB_PASSWORD.value).toBe('s3cr3t!');
    expect(revealed.GR_DB_URL.value).not.toContain('s3cr3t');
  });

  it("uses a managed database's endpoint for host, port and URL", () => {
    const environment = {
      name: 'e',
      mode: 'staging' as const,
      services: [
        service('db', 'database', {
          database: {
            engine: 'postgresql' as const,
            version: '16',
            mode: 'managed' as const,
          },
        }),
      ],
    };
    const vars = byKey(
      builtinVariables(environment, {
        databaseCredentials: {
          db: {
            host: 'gr-e-db.abc.eu-west-1.rds.amazonaws.com',
            port: 5433,
            username: 'db',
            database: 'app',
          },
        },
      }),
    );
    expect(vars.GR_DB_HOST.value).toBe(
      'gr-e-db.abc.eu-west-1.rds.amazonaws.com',
    );
    expect(vars.GR_DB_PORT.value).toBe('5433');
    expect(vars.GR_DB_URL.value).toBe(
      'postgresql://db@gr-e-db.abc.eu-west-1.rds.amazonaws.com:5433/app',
    );
  });
});

describe('resolveVariables', () => {
  it('gives every service the built-ins and environment variables', () => {
    const resolved = resolveVariables(
      withVariables([{ key: 'LOG_LEVEL', kind: 'value', value: 'info' }]),
    );
    expect(Object.keys(resolved.services)).toEqual(['web', 'worker', 'db']);
    for (const list of [
      resolved.environment,
      ...Object.values(resolved.services),
    ]) {
      const vars = byKey(list);
      expect(vars.LOG_LEVEL).toEqual({
        key: 'LOG_LEVEL',
        kind: 'value',
        value: 'info',
        secret: false,
        source: 'environment',
      });
      expect(vars.GR_DB_URL.source).toBe('builtin');
    }
  });

  it('keeps service variables to their service', () => {
    const resolved = resolveVariables(
      withVariables([], {
        web: [{ key: 'PORT', kind: 'value', value: '8080' }],
      }),
    );
    expect(byKey(resolved.services.web).PORT.source).toBe('service');
    expect(byKey(resolved.services.worker).PORT).toBeUndefined();
    expect(byKey(resolved.environment).PORT).toBeUndefined();
  });

  it('lets a service variable override an environment variable', () => {
    const resolved = resolveVariables(
      withVariables([{ key: 'LOG_LEVEL', kind: 'value', value: 'info' }], {
        web: [{ key: 'LOG_LEVEL', kind: 'value', value: 'debug' }],
      }),
    );
    expect(byKey(resolved.services.web).LOG_LEVEL).toMatchObject({
      value: 'debug',
      source: 'service',
    });
    expect(byKey(resolved.services.worker).LOG_LEVEL).toMatchObject({
      value: 'info',
      source: 'environment',
    });
  });

  it('lets a user variable named like a built-in override it at environment scope', () => {
    const resolved = resolveVariables(
      withVariables([
        { key: 'GR_ENVIRONMENT_NAME', kind: 'value', value: 'custom' },
      ]),
    );
    for (const list of [resolved.environment, resolved.services.web]) {
      expect(byKey(list).GR_ENVIRONMENT_NAME).toEqual({
        key: 'GR_ENVIRONMENT_NAME',
        kind: 'value',
        value: 'custom',
        secret: false,
        source: 'environment',
      });
    }
    // overridden in place, not listed twice
    expect(
      resolved.environment.filter(v => v.key === 'GR_ENVIRONMENT_NAME'),
    ).toHaveLength(1);
  });

  it('lets a user variable named like a built-in override it at service scope', () => {
    const resolved = resolveVariables(
      withVariables(
        [{ key: 'GR_DB_HOST', kind: 'value', value: 'env-level' }],
        {
          web: [{ key: 'GR_DB_HOST', kind: 'value', value: 'localhost' }],
        },
      ),
    );
    expect(byKey(resolved.services.web).GR_DB_HOST).toMatchObject({
      value: 'localhost',
      source: 'service',
    });
    expect(byKey(resolved.services.db).GR_DB_HOST).toMatchObject({
      value: 'env-level',
      source: 'environment',
    });
    expect(byKey(resolved.environment).GR_DB_HOST.source).toBe('environment');
  });

  it('ignores stored builtin entries: built-ins are computed', () => {
    const resolved = resolveVariables(
      withVariables([{ key: 'GR_WEB_HOST', kind: 'builtin', value: 'stale' }]),
    );
    expect(byKey(resolved.environment).GR_WEB_HOST).toMatchObject({
      value: 'web-shop-staging',
      source: 'builtin',
    });
  });

  describe('aliases', () => {
    it('resolves an alias to a built-in', () => {
      const resolved = resolveVariables(
        withVariables([
          { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_DB_URL' },
        ]),
      );
      expect(byKey(resolved.services.web).DATABASE_URL).toEqual({
        key: 'DATABASE_URL',
        kind: 'alias',
        aliasOf: 'GR_DB_URL',
        value: 'postgresql://db@db-shop-staging:5432/db',
        secret: false,
        source: 'environment',
      });
    });

    it('resolves an alias to an alias', () => {
      const resolved = resolveVariables(
        withVariables([
          { key: 'A', kind: 'alias', aliasOf: 'B' },
          { key: 'B', kind: 'alias', aliasOf: 'C' },
          { key: 'C', kind: 'value', value: 'c' },
        ]),
      );
      const vars = byKey(resolved.environment);
      expect(vars.A).toMatchObject({ aliasOf: 'B', value: 'c' });
      expect(vars.B).toMatchObject({ aliasOf: 'C', value: 'c' });
    });

    it('resolves aliases last, against the service scope', () => {
      const resolved = resolveVariables(
        withVariables(
          [
            { key: 'API_URL', kind: 'alias', aliasOf: 'BACKEND' },
            { key: 'BACKEND', kind: 'value', value: 'http://shared' },
          ],
          { web: [{ key: 'BACKEND', kind: 'value', value: 'http://mine' }] },
        ),
      );
      expect(byKey(resolved.services.web).API_URL.value).toBe('http://mine');
      expect(byKey(resolved.services.worker).API_URL.value).toBe(
        'http://shared',
      );
    });

    it('lets a service alias point at an environment variable', () => {
      const resolved = resolveVariables(
        withVariables([{ key: 'SHARED', kind: 'value', value: 's' }], {
          web: [{ key: 'MINE', kind: 'alias', aliasOf: 'SHARED' }],
        }),
      );
      expect(byKey(resolved.services.web).MINE).toMatchObject({
        value: 's',
        source: 'service',
      });
    });

    it('hides the value of an alias of a secret', () => {
      const environment = withVariables([
        { key: 'STRIPE_KEY', kind: 'secret', value: 'sk_live_123' },
        { key: 'PAYMENT_KEY', kind: 'alias', aliasOf: 'STRIPE_KEY' },
        { key: 'DB_PASSWORD', kind: 'alias', aliasOf: 'GR_DB_PASSWORD' },
      ]);
      const vars = byKey(resolveVariables(environment).environment);
      expect(vars.STRIPE_KEY).toEqual({
        key: 'STRIPE_KEY',
        kind: 'secret',
        secret: true,
        source: 'environment',
      });
      expect(vars.PAYMENT_KEY).toEqual({
        key: 'PAYMENT_KEY',
        kind: 'alias',
        aliasOf: 'STRIPE_KEY',
        secret: true,
        source: 'environment',
      });
      expect(vars.DB_PASSWORD.secret).toBe(true);

      const revealed = byKey(
        resolveVariables(environment, {
          includeSecretValues: true,
          databaseCredentials: { db: { password: 'pw' } },
        }).environment,
      );
      expect(revealed.STRIPE_KEY.value).toBe('sk_live_123');
      expect(revealed.PAYMENT_KEY.value).toBe('sk_live_123');
      expect(revealed.DB_PASSWORD.value).toBe('pw');
    });

    it('throws for a missing target, naming the variable', () => {
      const error = thrown(() =>
        resolveVariables(
          withVariables([
            { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_DATABASE_URL' },
          ]),
        ),
      );
      expect(error.variable).toBe('DATABASE_URL');
      expect(error.service).toBeUndefined();
      expect(error.message).toBe(
        'Variable DATABASE_URL is an alias of GR_DATABASE_URL, which is not defined',
      );
    });

    it('throws for a missing target in a service, naming the service', () => {
      const error = thrown(() =>
        resolveVariables(
          withVariables([], {
            worker: [{ key: 'X', kind: 'alias', aliasOf: 'GR_WORKER_PORT' }],
          }),
        ),
      );
      expect(error.variable).toBe('X');
      expect(error.service).toBe('worker');
      expect(error.message).toBe(
        'Variable X is an alias of GR_WORKER_PORT, which is not defined (in service worker)',
      );
    });

    it('names the broken link of a chain', () => {
      const error = thrown(() =>
        resolveVariables(
          withVariables([
            { key: 'A', kind: 'alias', aliasOf: 'B' },
            { key: 'B', kind: 'alias', aliasOf: 'NOPE' },
          ]),
        ),
      );
      expect(error.variable).toBe('B');
    });

    it('throws for a self alias', () => {
      const error = thrown(() =>
        resolveVariables(
          withVariables([{ key: 'A', kind: 'alias', aliasOf: 'A' }]),
        ),
      );
      expect(error.variable).toBe('A');
      expect(error.message).toBe(
        'Variable A is part of an alias cycle: A -> A',
      );
    });

    it('throws for a 2-cycle', () => {
      const error = thrown(() =>
        resolveVariables(
          withVariables([
            { key: 'A', kind: 'alias', aliasOf: 'B' },
            { key: 'B', kind: 'alias', aliasOf: 'A' },
          ]),
        ),
      );
      expect(error.variable).toBe('A');
      expect(error.message).toBe(
        'Variable A is part of an alias cycle: A -> B -> A',
      );
    });

    it('throws for a 3-cycle reached from outside it', () => {
      const error = thrown(() =>
        resolveVariables(
          withVariables([
            { key: 'ENTRY', kind: 'alias', aliasOf: 'A' },
            { key: 'A', kind: 'alias', aliasOf: 'B' },
            { key: 'B', kind: 'alias', aliasOf: 'C' },
            { key: 'C', kind: 'alias', aliasOf: 'A' },
          ]),
        ),
      );
      expect(error.variable).toBe('A');
      expect(error.message).toBe(
        'Variable A is part of an alias cycle: A -> B -> C -> A',
      );
    });

    it('throws for a cycle that only a service override creates', () => {
      const environment = withVariables(
        [
          { key: 'A', kind: 'alias', aliasOf: 'B' },
          { key: 'B', kind: 'value', value: 'b' },
        ],
        { web: [{ key: 'B', kind: 'alias', aliasOf: 'A' }] },
      );
      const error = thrown(() => resolveVariables(environment));
      expect(error.service).toBe('web');
      expect(error.variable).toBe('A');
      expect(error.message).toContain('A -> B -> A');
    });
  });

  describe('properties', () => {
    const serviceName = fc.stringMatching(/^[a-z]([a-z0-9-]{0,20}[a-z0-9])?$/);
    const key = fc.stringMatching(/^V_[A-Z0-9_]{0,6}$/);
    // Secret values come from an alphabet nothing else uses, so a leak is visible.
    const secretValue = fc.stringMatching(/^SECRET-[0-9a-f]{8}$/);
    const plainValue = fc.stringMatching(/^[a-z0-9 :/.-]{0,20}$/);
    const variable: fc.Arbitrary<Variable> = fc.oneof(
      fc.record({
        key,
        kind: fc.constant('value' as const),
        value: plainValue,
      }),
      fc.record({
        key,
        kind: fc.constant('secret' as const),
        value: secretValue,
      }),
    );
    const arbitraryService: fc.Arbitrary<Service> = fc
      .record({
        name: serviceName,
        kind: fc.constantFrom(...SERVICE_KINDS),
        ports: fc.array(
          fc.record({
            port: fc.integer({ min: 1, max: 65535 }),
            public: fc.boolean(),
          }),
          { maxLength: 3 },
        ),
        engine: fc.constantFrom(...DATABASE_ENGINES),
        variables: fc.array(variable, { maxLength: 4 }),
      })
      .map(({ engine, ...s }) =>
        service(s.name, s.kind, {
          ...s,
          database:
            s.kind === 'database'
              ? { engine, version: '1', mode: 'container' }
              : undefined,
        }),
      );
    const environment = fc.record({
      name: fc.stringMatching(/^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/),
      mode: fc.constantFrom(...ENVIRONMENT_MODES),
      services: fc.uniqueArray(arbitraryService, {
        maxLength: 5,
        selector: s => s.name,
      }),
      variables: fc.array(variable, { maxLength: 5 }),
    });
    // Adds aliases to keys that exist; they point at non-aliases, so no cycles.
    const withAliases = environment.chain(env =>
      fc
        .array(
          fc.record({
            key: fc.stringMatching(/^ALIAS_[A-Z]{1,4}$/),
            target: fc.constantFrom(
              ...builtinVariables(env).map(v => v.key),
              ...env.variables.map(v => v.key),
            ),
          }),
          { maxLength: 4 },
        )
        .map(aliases => ({
          ...env,
          variables: [
            ...env.variables,
            ...aliases.map(a => ({
              key: a.key,
              kind: 'alias' as const,
              aliasOf: a.target,
            })),
          ],
        })),
    );
    const credentials = fc.dictionary(
      serviceName,
      fc.record({ username: plainValue, password: secretValue }),
    );

    it('never returns a secret value unless asked', () => {
      fc.assert(
        fc.property(withAliases, credentials, (env, databaseCredentials) => {
          const resolved = resolveVariables(env, { databaseCredentials });
          const lists = [
            resolved.environment,
            ...Object.values(resolved.services),
          ];
          const secrets = lists.flat().filter(v => v.secret);
          expect(secrets.filter(v => 'value' in v)).toEqual([]);
          expect(JSON.stringify(resolved)).not.toContain('SECRET-');
        }),
        { numRuns: 300 },
      );
    });

    it('returns secret values when asked', () => {
      fc.assert(
        fc.property(withAliases, env => {
          const resolved = byKey(
            resolveVariables(env, { includeSecretValues: true }).environment,
          );
          // The last definition of a key wins; user keys and alias keys differ.
          const expected = Object.fromEntries(
            env.variables.flatMap(v =>
              v.kind === 'alias' ? [] : [[v.key, v.value]],
            ),
          );
          for (const [k, value] of Object.entries(expected)) {
            expect(resolved[k].value).toBe(value);
          }
        }),
        { numRuns: 200 },
      );
    });

    it('gives every service a host <service>-<environment> of at most 63 characters', () => {
      fc.assert(
        fc.property(withAliases, env => {
          const builtins = byKey(builtinVariables(env));
          const resolved = resolveVariables(env);
          for (const s of env.services) {
            const hostKey = `${builtinVariablePrefix(s.name)}HOST`;
            const host = builtins[hostKey].value!;
            expect(host.endsWith(`-${env.name}`)).toBe(true);
            expect(host).toBe(`${s.name}-${env.name}`);
            expect(host.length).toBeLessThanOrEqual(63);
            expect(byKey(resolved.services[s.name])[hostKey].value).toBe(host);
          }
        }),
        { numRuns: 200 },
      );
    });
  });
});
