import { formatZodError } from '../zodErrors';
import { serviceInputSchema, serviceSchema } from './service';

function errorOf(result: { success: boolean; error?: any }) {
  expect(result.success).toBe(false);
  return formatZodError(result.error);
}

describe('serviceSchema', () => {
  it('applies defaults', () => {
    expect(serviceSchema.parse({ name: 'web', kind: 'application' })).toEqual({
      name: 'web',
      kind: 'application',
      ports: [],
      resources: { cpu: '250m', memory: '256Mi' },
      replicas: 1,
      customDomains: [],
      variables: [],
    });
  });

  it('fills in missing resource fields and port visibility', () => {
    const service = serviceSchema.parse({
      name: 'web',
      kind: 'container',
      ports: [{ port: 8080 }],
      resources: { cpu: '1' },
    });
    expect(service.ports).toEqual([{ port: 8080, public: false }]);
    expect(service.resources).toEqual({ cpu: '1', memory: '256Mi' });
  });

  it('accepts a complete database service and normalises refs', () => {
    const service = serviceSchema.parse({
      name: 'db',
      kind: 'database',
      componentRef: 'shop-db',
      template: { ref: 'servicetemplate:default/postgres', version: '1.2.0' },
      ports: [{ port: 5432, public: false }],
      resources: { cpu: '500m', memory: '1Gi', storage: '10Gi' },
      database: {
        engine: 'postgresql',
        version: '16',
        mode: 'managed',
        instanceClass: 'db.t4g.micro',
        storageGb: 20,
      },
    });
    expect(service.componentRef).toBe('component:default/shop-db');
    expect(service.database?.mode).toBe('managed');
  });

  it('defaults the database mode to container', () => {
    const service = serviceSchema.parse({
      name: 'cache',
      kind: 'database',
      database: { engine: 'redis', version: '7' },
    });
    expect(service.database?.mode).toBe('container');
  });

  it.each([
    [{ name: 'Web', kind: 'application' }, 'name: must be lower case'],
    [{ name: '1web', kind: 'application' }, 'name: must be lower case'],
    [{ name: 'w'.repeat(23), kind: 'application' }, 'at most 22 characters'],
    [{ name: 'web', kind: 'lambda' }, 'kind: must be one of application'],
    [
      { name: 'web', kind: 'application', ports: [{ port: 80 }, { port: 0 }] },
      'ports[1].port: must be between 1 and 65535',
    ],
    [
      { name: 'web', kind: 'application', ports: [{ port: 70000 }] },
      'ports[0].port: must be between 1 and 65535',
    ],
    [
      { name: 'web', kind: 'application', ports: [{ port: 80 }, { port: 80 }] },
      'ports[1].port: duplicate port 80',
    ],
    [
      { name: 'web', kind: 'application', resources: { cpu: '1 core' } },
      'resources.cpu: must be a CPU quantity',
    ],
    [
      { name: 'web', kind: 'application', resources: { memory: '1GB' } },
      'resources.memory: must be a quantity',
    ],
    [
      { name: 'web', kind: 'application', replicas: 1.5 },
      'replicas: must be a whole number',
    ],
    [
      { name: 'db', kind: 'database' },
      'database: is required for a database service',
    ],
    [
      {
        name: 'web',
        kind: 'application',
        database: { engine: 'mysql', version: '8' },
      },
      'database: is only allowed on a database service',
    ],
    [
      {
        name: 'db',
        kind: 'database',
        database: { engine: 'oracle', version: '1' },
      },
      'database.engine: must be one of postgresql',
    ],
    [
      { name: 'web', kind: 'application', customDomains: ['Shop.Example.com'] },
      'customDomains[0]: must be a lower-case host name',
    ],
    [
      {
        name: 'web',
        kind: 'application',
        variables: [
          { key: 'A', kind: 'value', value: '1' },
          { key: 'A', kind: 'value', value: '2' },
        ],
      },
      'variables[1].key: duplicate variable A',
    ],
    [
      {
        name: 'web',
        kind: 'application',
        template: { ref: 'postgres', version: '1.2' },
      },
      'template.version: must be a semantic version',
    ],
    [
      { name: 'web', kind: 'application', componentRef: 'group:default/team' },
      'componentRef: must refer to a component, not a group',
    ],
  ])('rejects %j', (service, message) => {
    expect(errorOf(serviceSchema.safeParse(service))).toContain(message);
  });

  it('ignores unknown keys when reading stored data', () => {
    expect(
      serviceSchema.parse({ name: 'web', kind: 'job', extra: true }),
    ).not.toHaveProperty('extra');
  });
});

describe('serviceInputSchema', () => {
  it('rejects unknown keys, including nested ones, by path', () => {
    const message = errorOf(
      serviceInputSchema.safeParse({
        name: 'web',
        kind: 'application',
        replica: 2,
        ports: [{ port: 80, pubic: true }],
        resources: { cpu: '1', mem: '1Gi' },
      }),
    );
    expect(message).toContain('replica: unknown field');
    expect(message).toContain('ports[0].pubic: unknown field');
    expect(message).toContain('resources.mem: unknown field');
  });

  it('rejects built-in variables', () => {
    expect(
      errorOf(
        serviceInputSchema.safeParse({
          name: 'web',
          kind: 'application',
          variables: [{ key: 'GR_WEB_HOST', kind: 'builtin', value: 'x' }],
        }),
      ),
    ).toContain('variables[0].kind: must be one of "value", "secret", "alias"');
  });
});
