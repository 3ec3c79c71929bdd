import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { EnvironmentEntitiesProcessor } from './EnvironmentEntitiesProcessor';

const location = { type: 'url', target: 'https://example.com/environments' };

function environment(
  spec: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'greenroom.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name: 'staging', namespace: 'default', ...metadata },
    spec: {
      mode: 'staging',
      system: 'system:default/shop',
      owner: 'group:default/team-shop',
      runtime: 'local',
      state: 'running',
      services: [
        {
          name: 'storefront',
          kind: 'application',
          componentRef: 'component:default/storefront',
        },
        {
          name: 'orders-db',
          kind: 'database',
          template: 'servicetemplate:default/postgresql@2.1.0',
        },
      ],
      origin: 'seed',
      ...spec,
    },
  };
}

async function relationsOf(entity: Entity) {
  const results: CatalogProcessorResult[] = [];
  const returned = await new EnvironmentEntitiesProcessor().postProcessEntity(
    entity,
    location,
    result => results.push(result),
  );
  expect(returned).toBe(entity);
  return results.map(result => {
    if (result.type !== 'relation') {
      throw new Error(`unexpected ${result.type} result`);
    }
    const { source, type, target } = result.relation;
    return `${source.kind}:${source.namespace}/${source.name} ${type} ${target.kind}:${target.namespace}/${target.name}`;
  });
}

describe('EnvironmentEntitiesProcessor', () => {
  const processor = new EnvironmentEntitiesProcessor();

  it('has a name', () => {
    expect(processor.getProcessorName()).toBe('EnvironmentEntitiesProcessor');
  });

  describe('validateEntityKind', () => {
    it('accepts a valid Environment', async () => {
      await expect(processor.validateEntityKind(environment())).resolves.toBe(
        true,
      );
    });

    it('accepts an Environment with only the required fields', async () => {
      const entity = environment();
      entity.spec = {
        mode: 'preview',
        system: 'shop',
        owner: 'team-shop',
        runtime: 'kubernetes/eu-1',
        services: [],
      };
      await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
    });

    it('returns false for entities of other kinds and api versions', async () => {
      await expect(
        processor.validateEntityKind({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'storefront' },
          spec: {
            type: 'website',
            lifecycle: 'production',
            owner: 'team-shop',
          },
        }),
      ).resolves.toBe(false);
      await expect(
        processor.validateEntityKind({
          ...environment(),
          apiVersion: 'example.com/v1',
        }),
      ).resolves.toBe(false);
      await expect(
        processor.validateEntityKind({
          ...environment(),
          kind: 'ServiceTemplate',
        }),
      ).resolves.toBe(false);
    });

    it.each([
      [
        'a missing mode',
        (e: Entity) => delete e.spec!.mode,
        /\/spec must have required property 'mode'/,
      ],
      [
        'an unknown mode',
        (e: Entity) => (e.spec!.mode = 'prod'),
        /\/spec\/mode must be equal to one of the allowed values/,
      ],
      [
        'a missing system',
        (e: Entity) => delete e.spec!.system,
        /required property 'system'/,
      ],
      [
        'an empty owner',
        (e: Entity) => (e.spec!.owner = ''),
        /\/spec\/owner must NOT have fewer than 1 characters/,
      ],
      [
        'services that are not a list',
        (e: Entity) => (e.spec!.services = { storefront: {} }),
        /\/spec\/services must be array/,
      ],
      [
        'a service name that is not a DNS label',
        (e: Entity) => ((e.spec!.services as any)[1].name = 'Orders_DB'),
        /\/spec\/services\/1\/name must match pattern/,
      ],
      [
        'a service of an unknown kind',
        (e: Entity) => ((e.spec!.services as any)[0].kind = 'lambda'),
        /\/spec\/services\/0\/kind must be equal to one of the allowed values/,
      ],
      [
        'variables (never published into the catalog)',
        (e: Entity) =>
          (e.spec!.variables = [{ key: 'STRIPE_KEY', kind: 'secret' }]),
        /\/spec must NOT have additional properties - additionalProperty: variables/,
      ],
      [
        'an unknown state',
        (e: Entity) => (e.spec!.state = 'sleeping'),
        /\/spec\/state must be equal to one of the allowed values/,
      ],
    ])(
      'rejects %s with a message naming the field',
      async (_, edit, message) => {
        const entity = environment();
        edit(entity);
        await expect(processor.validateEntityKind(entity)).rejects.toThrow(
          message,
        );
      },
    );

    it('rejects an Environment without a spec', async () => {
      const { spec: _spec, ...entity } = environment();
      await expect(processor.validateEntityKind(entity)).rejects.toThrow(
        /must have required property 'spec'/,
      );
    });
  });

  describe('preProcessEntity', () => {
    const provider = { type: 'greenroom', target: 'environments' };
    const preProcess = (
      entity: Entity,
      at: { type: string; target: string },
      origin = at,
    ) => processor.preProcessEntity(entity, at, () => {}, origin);

    it('accepts an Environment published by the environments provider', async () => {
      const entity = environment();
      await expect(preProcess(entity, provider)).resolves.toBe(entity);
    });

    it.each([
      ['a url location', location, location],
      ['a file location', { type: 'file', target: '/tmp/env.yaml' }, undefined],
      [
        'a location that says it is the provider but came from a url',
        provider,
        location,
      ],
    ])('refuses an Environment from %s, saying why', async (_, at, origin) => {
      await expect(preProcess(environment(), at, origin ?? at)).rejects.toThrow(
        /^backstage\.io\/managed-by-location: Environment entities come only from Greenroom's environments provider \(greenroom:environments\), not from (url|file):/,
      );
    });

    it('leaves other kinds from any location alone', async () => {
      const entity = { ...environment(), kind: 'ServiceTemplate' };
      await expect(preProcess(entity, location)).resolves.toBe(entity);
      const foreign = { ...environment(), apiVersion: 'example.com/v1' };
      await expect(preProcess(foreign, location)).resolves.toBe(foreign);
    });
  });

  describe('postProcessEntity', () => {
    it('relates the environment to its system, owner and components, both ways', async () => {
      const entity = environment({
        services: [
          {
            name: 'storefront',
            kind: 'application',
            componentRef: 'component:default/storefront',
          },
          {
            name: 'orders-api',
            kind: 'application',
            componentRef: 'component:default/orders-api',
          },
          { name: 'orders-db', kind: 'database' },
        ],
      });
      await expect(relationsOf(entity)).resolves.toEqual([
        `Environment:default/staging ${RELATION_PART_OF} system:default/shop`,
        `system:default/shop ${RELATION_HAS_PART} Environment:default/staging`,
        `Environment:default/staging ${RELATION_OWNED_BY} group:default/team-shop`,
        `group:default/team-shop ${RELATION_OWNER_OF} Environment:default/staging`,
        `Environment:default/staging ${RELATION_DEPENDS_ON} component:default/storefront`,
        `component:default/storefront ${RELATION_DEPENDENCY_OF} Environment:default/staging`,
        `Environment:default/staging ${RELATION_DEPENDS_ON} component:default/orders-api`,
        `component:default/orders-api ${RELATION_DEPENDENCY_OF} Environment:default/staging`,
      ]);
    });

    it('completes short refs with default kinds and the namespace of the environment', async () => {
      const entity = environment(
        {
          system: 'shop',
          owner: 'team-shop',
          services: [
            {
              name: 'storefront',
              kind: 'application',
              componentRef: 'storefront',
            },
            {
              name: 'legacy',
              kind: 'application',
              componentRef: 'component:legacy/monolith',
            },
          ],
        },
        { namespace: 'eu' },
      );
      await expect(relationsOf(entity)).resolves.toEqual([
        `Environment:eu/staging ${RELATION_PART_OF} System:eu/shop`,
        `System:eu/shop ${RELATION_HAS_PART} Environment:eu/staging`,
        `Environment:eu/staging ${RELATION_OWNED_BY} Group:eu/team-shop`,
        `Group:eu/team-shop ${RELATION_OWNER_OF} Environment:eu/staging`,
        `Environment:eu/staging ${RELATION_DEPENDS_ON} Component:eu/storefront`,
        `Component:eu/storefront ${RELATION_DEPENDENCY_OF} Environment:eu/staging`,
        `Environment:eu/staging ${RELATION_DEPENDS_ON} component:legacy/monolith`,
        `component:legacy/monolith ${RELATION_DEPENDENCY_OF} Environment:eu/staging`,
      ]);
    });

    it('uses the default namespace when the environment has none', async () => {
      const entity = environment({ owner: 'user:ada' });
      delete entity.metadata.namespace;
      const relations = await relationsOf(entity);
      expect(relations).toContain(
        `Environment:default/staging ${RELATION_OWNED_BY} user:default/ada`,
      );
      expect(relations).toContain(
        `user:default/ada ${RELATION_OWNER_OF} Environment:default/staging`,
      );
    });

    it('emits one dependsOn per component even when several services run it', async () => {
      const entity = environment({
        services: [
          { name: 'web', kind: 'application', componentRef: 'storefront' },
          {
            name: 'web-canary',
            kind: 'application',
            componentRef: 'component:default/Storefront',
          },
        ],
      });
      const relations = await relationsOf(entity);
      expect(relations.filter(r => r.includes(RELATION_DEPENDS_ON))).toEqual([
        `Environment:default/staging ${RELATION_DEPENDS_ON} Component:default/storefront`,
      ]);
      expect(
        relations.filter(r => r.includes(RELATION_DEPENDENCY_OF)),
      ).toHaveLength(1);
    });

    it('names the field of a malformed ref', async () => {
      const entity = environment({
        services: [
          { name: 'web', kind: 'application', componentRef: 'component:' },
        ],
      });
      await expect(relationsOf(entity)).rejects.toThrow(
        /^spec\.services\[0\]\.componentRef: "component:" is not a valid entity ref/,
      );
    });

    it('leaves other entities alone', async () => {
      await expect(
        relationsOf({
          apiVersion: 'greenroom.dev/v1alpha1',
          kind: 'ServiceTemplate',
          metadata: { name: 'postgresql' },
          spec: { owner: 'platform' },
        }),
      ).resolves.toEqual([]);
    });
  });
});
