import { formatZodError } from '../zodErrors';
import {
  environmentInputSchema,
  environmentSchema,
  originSchema,
} from './environment';

const now = '2025-03-01T10:00:00.000Z';

function storedEnvironment(overrides: Record<string, unknown> = {}) {
  return {
    id: 'b7c1c8c2-0d8e-4d7b-9d53-4d1f5f6c2a10',
    name: 'shop-staging',
    title: 'Shop staging',
    system: 'system:default/shop',
    owner: 'group:default/team-shop',
    mode: 'staging',
    runtime: { type: 'kubernetes', target: 'eu-1' },
    services: [
      {
        name: 'web',
        kind: 'application',
        ports: [{ port: 8080, public: true }],
      },
      {
        name: 'db',
        kind: 'database',
        database: { engine: 'postgresql', version: '16' },
      },
    ],
    variables: [
      { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_DB_URL' },
      { key: 'STRIPE_KEY', kind: 'secret', value: 'sk_test' },
    ],
    policy: { idleAfter: '2h', priority: 50 },
    desiredState: 'running',
    status: 'running',
    origin: { type: 'manual' },
    attention: [],
    lastActivityAt: now,
    createdBy: 'user:default/guest',
    createdAt: now,
    updatedAt: now,
    revision: 3,
    ...overrides,
  };
}

function errorOf(result: { success: boolean; error?: any }) {
  expect(result.success).toBe(false);
  return formatZodError(result.error);
}

describe('environmentSchema', () => {
  it('accepts a stored environment and applies service defaults', () => {
    const environment = environmentSchema.parse(storedEnvironment());
    expect(environment.services[0].replicas).toBe(1);
    expect(environment.services[1].database?.mode).toBe('container');
    expect(environment.policy.priority).toBe(50);
  });

  it('normalises entity refs', () => {
    const environment = environmentSchema.parse(
      storedEnvironment({ system: 'shop', owner: 'Team-Shop' }),
    );
    expect(environment.system).toBe('system:default/shop');
    expect(environment.owner).toBe('group:default/team-shop');
  });

  it('accepts a user as owner but not a component', () => {
    expect(
      environmentSchema.parse(storedEnvironment({ owner: 'user:default/jane' }))
        .owner,
    ).toBe('user:default/jane');
    expect(
      errorOf(
        environmentSchema.safeParse(
          storedEnvironment({ owner: 'component:default/web' }),
        ),
      ),
    ).toBe('owner: must refer to a group or a user, not a component');
  });

  it.each([
    [{ name: 'Shop' }, 'name: must be lower case letters'],
    [
      { mode: 'prod' },
      'mode: must be one of production, staging, development, preview',
    ],
    [{ status: 'up' }, 'status: must be one of provisioning'],
    [
      { desiredState: 'paused' },
      'desiredState: must be one of running, stopped, deleted',
    ],
    [{ createdAt: 'yesterday' }, 'createdAt: must be an ISO 8601 timestamp'],
    [{ revision: -1 }, 'revision: must be 0 or more'],
    [{ system: '' }, 'system: must not be empty'],
    [{ lastActivityAt: undefined }, 'lastActivityAt: is required'],
    [
      {
        services: [
          { name: 'web', kind: 'application' },
          { name: 'web', kind: 'job' },
        ],
      },
      'services[1].name: duplicate service name web',
    ],
    [
      {
        variables: [
          { key: 'A', kind: 'value', value: '1' },
          { key: 'A', kind: 'secret', value: '2' },
        ],
      },
      'variables[1].key: duplicate variable A',
    ],
    [
      {
        services: [
          {
            name: 'web',
            kind: 'application',
            ports: [{ port: 80 }, { port: 0 }],
          },
        ],
      },
      'services[0].ports[1].port: must be between 1 and 65535',
    ],
    [
      { origin: { type: 'clone' } },
      'origin.sourceEnvironmentId: is required for a clone',
    ],
    [
      { origin: { type: 'preview' } },
      'origin.pullRequest: is required for a preview',
    ],
  ])('rejects %j', (overrides, message) => {
    expect(
      errorOf(environmentSchema.safeParse(storedEnvironment(overrides))),
    ).toContain(message);
  });
});

describe('originSchema', () => {
  it('accepts a preview with its pull request', () => {
    const origin = {
      type: 'preview',
      pullRequest: {
        provider: 'github',
        repository: 'acme/shop',
        number: 42,
        branch: 'feature/login',
        headSha: '9fceb02d0ae598e95dc970b74767f19372d61af8',
        url: 'https://github.com/acme/shop/pull/42',
      },
    };
    expect(originSchema.parse(origin)).toEqual(origin);
  });

  it('names the failing pull request fields', () => {
    const message = errorOf(
      originSchema.safeParse({
        type: 'preview',
        pullRequest: {
          provider: 'github',
          repository: 'shop',
          number: 0,
          branch: 'x',
          headSha: 'not-a-sha',
          url: 'nope',
        },
      }),
    );
    expect(message).toContain('pullRequest.repository: must be "owner/name"');
    expect(message).toContain('pullRequest.number: must be positive');
    expect(message).toContain(
      'pullRequest.headSha: must be a hexadecimal commit sha',
    );
    expect(message).toContain('pullRequest.url: must be a URL');
  });
});

describe('environmentInputSchema', () => {
  const minimal = {
    name: 'feature-login',
    system: 'shop',
    owner: 'team-shop',
    mode: 'preview',
  };

  it('accepts the minimum and fills in defaults', () => {
    expect(environmentInputSchema.parse(minimal)).toEqual({
      name: 'feature-login',
      system: 'system:default/shop',
      owner: 'group:default/team-shop',
      mode: 'preview',
      services: [],
      variables: [],
    });
  });

  it.each(['new', 'templates', 'costs'])(
    'refuses the page name %s as an environment name',
    name => {
      expect(
        errorOf(environmentInputSchema.safeParse({ ...minimal, name })),
      ).toMatch(/^name: is reserved for a page of the portal/);
    },
  );

  it('accepts a complete input', () => {
    const input = environmentInputSchema.parse({
      ...minimal,
      title: 'Feature: login',
      runtime: { type: 'kubernetes', target: 'eu-1' },
      services: [
        { name: 'web', kind: 'application', ports: [{ port: 8080 }] },
        {
          name: 'db',
          kind: 'database',
          database: { engine: 'mysql', version: '8' },
        },
      ],
      variables: [{ key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_DB_URL' }],
      policy: { ttl: '3d' },
      expiresAt: '2025-03-04T10:00:00+01:00',
    });
    expect(input.services).toHaveLength(2);
    expect(input.policy).toEqual({ ttl: '3d' });
  });

  it('takes ttl as short for policy.ttl, but not both', () => {
    expect(environmentInputSchema.parse({ ...minimal, ttl: '2d' }).ttl).toBe(
      '2d',
    );
    expect(
      errorOf(
        environmentInputSchema.safeParse({
          ...minimal,
          ttl: '2d',
          policy: { ttl: '3d' },
        }),
      ),
    ).toBe('ttl: give either ttl or policy.ttl, not both');
    expect(
      errorOf(environmentInputSchema.safeParse({ ...minimal, ttl: '0m' })),
    ).toBe('ttl: must be at least 1m');
  });

  it('rejects unknown keys at every level, naming the field', () => {
    const message = errorOf(
      environmentInputSchema.safeParse({
        ...minimal,
        tittle: 'typo',
        runtime: { type: 'local', cluster: 'x' },
        policy: { ttl: '3d', idle_after: '2h' },
        services: [{ name: 'web', kind: 'application', replica: 2 }],
      }),
    );
    expect(message).toContain('tittle: unknown field');
    expect(message).toContain('runtime.cluster: unknown field');
    expect(message).toContain('policy.idle_after: unknown field');
    expect(message).toContain('services[0].replica: unknown field');
  });

  it('rejects fields that only the server sets', () => {
    expect(
      errorOf(
        environmentInputSchema.safeParse({ ...minimal, status: 'running' }),
      ),
    ).toBe('status: unknown field');
  });

  it('rejects built-in variables at both scopes', () => {
    const message = errorOf(
      environmentInputSchema.safeParse({
        ...minimal,
        variables: [
          { key: 'GR_ENVIRONMENT_NAME', kind: 'builtin', value: 'x' },
        ],
        services: [
          {
            name: 'web',
            kind: 'application',
            variables: [{ key: 'GR_WEB_HOST', kind: 'builtin', value: 'x' }],
          },
        ],
      }),
    );
    expect(message).toContain(
      'variables[0].kind: must be one of "value", "secret", "alias"',
    );
    expect(message).toContain('services[0].variables[0].kind: must be one of');
  });

  it('names every missing required field', () => {
    expect(errorOf(environmentInputSchema.safeParse({}))).toBe(
      'name: is required; system: is required; owner: is required; mode: is required',
    );
  });

  it('rejects a name that is not a valid environment name', () => {
    expect(
      errorOf(
        environmentInputSchema.safeParse({ ...minimal, name: 'feature/login' }),
      ),
    ).toContain('name: must be lower case letters');
  });
});
