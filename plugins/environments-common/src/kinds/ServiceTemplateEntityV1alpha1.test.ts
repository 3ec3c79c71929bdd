import { Entity } from '@backstage/catalog-model';
import { serviceTemplateSpecSchema } from '../schemas/serviceTemplate';
import {
  ServiceTemplateEntityV1alpha1,
  isServiceTemplateEntity,
  serviceTemplateEntityV1alpha1Validator as validator,
} from './ServiceTemplateEntityV1alpha1';
import schema from './ServiceTemplate.v1alpha1.schema.json';

function serviceTemplate(): ServiceTemplateEntityV1alpha1 {
  return {
    apiVersion: 'greenroom.dev/v1alpha1',
    kind: 'ServiceTemplate',
    metadata: {
      name: 'node-app',
      title: 'Node.js application',
      description: 'A Node.js HTTP service',
      tags: ['node', 'http'],
    },
    spec: {
      owner: 'group:default/platform',
      type: 'application',
      version: '2.1.0',
      lifecycle: 'experimental',
      parameters: {
        type: 'object',
        required: ['image'],
        properties: {
          image: { type: 'string', title: 'Image' },
          replicas: { type: 'integer', default: 1 },
        },
      },
      service: {
        kind: 'application',
        image: { repository: '${{ parameters.image }}', tag: 'latest' },
        ports: [{ port: 3000, public: true }],
        replicas: '${{ parameters.replicas }}',
        resources: { cpu: '250m', memory: '512Mi' },
        variables: [
          { key: 'NODE_ENV', kind: 'value', value: 'production' },
          { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_DB_URL' },
        ],
      },
      links: [{ url: 'https://nodejs.org', title: 'Node.js', icon: 'docs' }],
    },
  };
}

describe('serviceTemplateEntityV1alpha1Validator', () => {
  let entity: any;
  beforeEach(() => {
    entity = serviceTemplate();
  });

  it('accepts a good service template', async () => {
    await expect(validator.check(entity)).resolves.toBe(true);
  });

  it('accepts the example of its JSON schema, which the zod spec schema also accepts', async () => {
    const example = schema.examples[0] as Entity;
    await expect(validator.check(example)).resolves.toBe(true);
    expect(serviceTemplateSpecSchema.safeParse(example.spec).success).toBe(
      true,
    );
  });

  it('agrees with the zod spec schema on the good template', () => {
    expect(serviceTemplateSpecSchema.safeParse(entity.spec).success).toBe(true);
  });

  it('ignores other kinds and wrong apiVersions', async () => {
    await expect(
      validator.check({ ...entity, apiVersion: 'greenroom.dev/v1' }),
    ).resolves.toBe(false);
    await expect(
      validator.check({
        ...entity,
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
      }),
    ).resolves.toBe(false);
    await expect(
      validator.check({ ...entity, kind: 'Environment' }),
    ).resolves.toBe(false);
  });

  it.each([
    [
      'with a bad spec.type',
      (e: any) => (e.spec.type = 'lambda'),
      /\/spec\/type must be equal to one of the allowed values/,
    ],
    [
      'without owner',
      (e: any) => delete e.spec.owner,
      /\/spec must have required property 'owner'/,
    ],
    [
      'with a non-semver version',
      (e: any) => (e.spec.version = '2.1'),
      /\/spec\/version must match pattern/,
    ],
    [
      'with a "v" version',
      (e: any) => (e.spec.version = 'v2.1.0'),
      /\/spec\/version must match pattern/,
    ],
    [
      'with a bad lifecycle',
      (e: any) => (e.spec.lifecycle = 'beta'),
      /\/spec\/lifecycle/,
    ],
    [
      'without service',
      (e: any) => delete e.spec.service,
      /\/spec must have required property 'service'/,
    ],
    [
      'with parameters that are not an object',
      (e: any) => (e.spec.parameters = 'x'),
      /\/spec\/parameters must be object/,
    ],
    [
      'with a typo in the service',
      (e: any) => (e.spec.service.replica = 2),
      /\/spec\/service must NOT have additional properties - additionalProperty: replica/,
    ],
    [
      'with a bad port',
      (e: any) => (e.spec.service.ports = [{ port: 0 }]),
      /\/spec\/service\/ports\/0\/port/,
    ],
    [
      'with a built-in variable',
      (e: any) =>
        (e.spec.service.variables = [{ key: 'GR_X', kind: 'builtin' }]),
      /\/spec\/service\/variables\/0\/kind/,
    ],
    [
      'with a link without url',
      (e: any) => (e.spec.links = [{ title: 'x' }]),
      /\/spec\/links\/0 must have required property 'url'/,
    ],
  ])('rejects a template %s', async (_, change, message) => {
    change(entity);
    await expect(validator.check(entity)).rejects.toThrow(message);
    // The zod schema rejects it too.
    expect(serviceTemplateSpecSchema.safeParse(entity.spec).success).toBe(
      false,
    );
  });
});

describe('isServiceTemplateEntity', () => {
  it('recognises service templates only', () => {
    const entity = serviceTemplate();
    expect(isServiceTemplateEntity(entity)).toBe(true);
    expect(isServiceTemplateEntity({ ...entity, kind: 'Template' })).toBe(
      false,
    );
    expect(
      isServiceTemplateEntity({ ...entity, apiVersion: 'greenroom.dev/v1' }),
    ).toBe(false);
  });
});
