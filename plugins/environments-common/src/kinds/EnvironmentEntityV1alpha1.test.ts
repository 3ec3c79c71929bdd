import { Entity } from '@backstage/catalog-model';
import {
  EnvironmentEntityV1alpha1,
  environmentEntityV1alpha1Validator as validator,
  isEnvironmentEntity,
} from './EnvironmentEntityV1alpha1';
import schema from './Environment.v1alpha1.schema.json';

function environmentEntity(): EnvironmentEntityV1alpha1 {
  return {
    apiVersion: 'greenroom.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name: 'shop-staging', title: 'Shop staging' },
    spec: {
      mode: 'staging',
      system: 'system:default/shop',
      owner: 'group:default/team-shop',
      runtime: 'kubernetes',
      state: 'running',
      services: [
        {
          name: 'web',
          kind: 'application',
          componentRef: 'component:default/shop-web',
        },
        {
          name: 'db',
          kind: 'database',
          template: 'servicetemplate:default/postgres@1.2.0',
        },
      ],
      expiresAt: '2025-06-30T12:00:00Z',
      origin: 'clone',
    },
  };
}

describe('environmentEntityV1alpha1Validator', () => {
  let entity: any;
  beforeEach(() => {
    entity = environmentEntity();
  });

  it('accepts a good environment', async () => {
    await expect(validator.check(entity)).resolves.toBe(true);
  });

  it('accepts the minimum', async () => {
    entity.spec = {
      mode: 'preview',
      system: 'shop',
      owner: 'team-shop',
      runtime: 'local',
      services: [],
    };
    await expect(validator.check(entity)).resolves.toBe(true);
  });

  it('accepts the example of its JSON schema', async () => {
    await expect(validator.check(schema.examples[0] as Entity)).resolves.toBe(
      true,
    );
  });

  it('ignores other kinds and versions', async () => {
    await expect(
      validator.check({ ...entity, kind: 'Component' }),
    ).resolves.toBe(false);
    await expect(
      validator.check({ ...entity, apiVersion: 'greenroom.dev/v1beta1' }),
    ).resolves.toBe(false);
    await expect(
      validator.check({ ...entity, apiVersion: 'backstage.io/v1alpha1' }),
    ).resolves.toBe(false);
  });

  it.each([
    [
      'without spec',
      (e: any) => delete e.spec,
      /<root> must have required property 'spec'/,
    ],
    [
      'without owner',
      (e: any) => delete e.spec.owner,
      /\/spec must have required property 'owner'/,
    ],
    [
      'with a bad mode',
      (e: any) => (e.spec.mode = 'prod'),
      /\/spec\/mode must be equal to one of the allowed values/,
    ],
    ['with a bad state', (e: any) => (e.spec.state = 'up'), /\/spec\/state/],
    [
      'with an empty system',
      (e: any) => (e.spec.system = ''),
      /\/spec\/system must NOT have fewer than 1 characters/,
    ],
    [
      'with a bad service kind',
      (e: any) => (e.spec.services[0].kind = 'lambda'),
      /\/spec\/services\/0\/kind/,
    ],
    [
      'with a bad service name',
      (e: any) => (e.spec.services[0].name = 'Web'),
      /\/spec\/services\/0\/name must match pattern/,
    ],
    [
      'carrying variables',
      (e: any) =>
        (e.spec.variables = [{ key: 'A', kind: 'secret', value: 'x' }]),
      /\/spec must NOT have additional properties - additionalProperty: variables/,
    ],
    [
      'carrying service variables',
      (e: any) => (e.spec.services[0].variables = []),
      /\/spec\/services\/0 must NOT have additional properties/,
    ],
  ])('rejects an environment %s', async (_, change, message) => {
    change(entity);
    await expect(validator.check(entity)).rejects.toThrow(message);
  });
});

describe('isEnvironmentEntity', () => {
  it('recognises environments only', () => {
    const entity = environmentEntity();
    expect(isEnvironmentEntity(entity)).toBe(true);
    expect(isEnvironmentEntity({ ...entity, kind: 'ServiceTemplate' })).toBe(
      false,
    );
    expect(
      isEnvironmentEntity({ ...entity, apiVersion: 'backstage.io/v1alpha1' }),
    ).toBe(false);
  });
});
