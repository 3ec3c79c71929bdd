import { formatZodError } from '../zodErrors';
import { serviceTemplateSpecSchema } from './serviceTemplate';

const spec = {
  owner: 'group:default/platform',
  type: 'database',
  version: '1.2.0',
  lifecycle: 'production',
  parameters: {
    type: 'object',
    properties: { version: { type: 'string', enum: ['15', '16'] } },
  },
  service: {
    kind: 'database',
    database: {
      engine: 'postgresql',
      version: '${{ parameters.version }}',
      storageGb: '${{ parameters.storage }}',
    },
    resources: { cpu: '500m', memory: '${{ parameters.memory }}' },
    ports: [{ port: 5432 }],
    variables: [{ key: 'PGDATA', kind: 'value', value: '/data' }],
  },
  links: [{ url: 'https://www.postgresql.org/docs/', title: 'Docs' }],
};

describe('serviceTemplateSpecSchema', () => {
  it('accepts values and ${{ parameters.x }} expressions', () => {
    expect(serviceTemplateSpecSchema.parse(spec)).toEqual(spec);
  });

  it.each([
    [{ version: '1.2' }, 'version: must be a semantic version'],
    [{ version: 'v1.2.0' }, 'version: must be a semantic version'],
    [{ type: 'lambda' }, 'type: must be one of application, database, cache'],
    [{ lifecycle: 'beta' }, 'lifecycle: must be one of experimental'],
    [{ owner: undefined }, 'owner: is required'],
    [
      { service: { ...spec.service, replicas: 'many' } },
      'service.replicas: must be a value or a "${{ parameters.name }}" expression',
    ],
    [
      { service: { ...spec.service, resources: { cpu: 'lots' } } },
      'service.resources.cpu: must be like "250m" or a "${{ parameters.name }}" expression',
    ],
    [
      {
        service: {
          ...spec.service,
          database: { engine: 'oracle' },
        },
      },
      'service.database.engine: must be a value or a "${{ parameters.name }}" expression',
    ],
  ])('rejects a bad spec (%#)', (overrides, message) => {
    const result = serviceTemplateSpecSchema.safeParse({
      ...spec,
      ...overrides,
    });
    expect(result.success).toBe(false);
    expect(formatZodError(result.error!)).toContain(message);
  });

  it('accepts pre-release versions', () => {
    expect(
      serviceTemplateSpecSchema.safeParse({ ...spec, version: '2.0.0-rc.1' })
        .success,
    ).toBe(true);
  });
});
