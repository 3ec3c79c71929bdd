import {
  Entity,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
} from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { ServiceTemplateEntitiesProcessor } from './ServiceTemplateEntitiesProcessor';

const location = { type: 'url', target: 'https://example.com/templates.yaml' };

function serviceTemplate(
  spec: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'greenroom.dev/v1alpha1',
    kind: 'ServiceTemplate',
    metadata: {
      name: 'postgresql',
      title: 'PostgreSQL',
      description: 'A PostgreSQL database',
      tags: ['database'],
      ...metadata,
    },
    spec: {
      owner: 'group:default/platform',
      type: 'database',
      version: '2.1.0',
      lifecycle: 'production',
      parameters: {
        type: 'object',
        required: ['version'],
        properties: {
          version: { type: 'string', enum: ['15', '16'], default: '16' },
          storageGb: { type: 'integer', default: 20 },
        },
      },
      service: {
        name: '${{ parameters.name }}',
        kind: 'database',
        ports: [{ port: 5432, public: false }],
        resources: {
          cpu: '500m',
          memory: '1Gi',
          storage: '${{ parameters.storageGb }}Gi',
        },
        database: {
          engine: 'postgresql',
          version: '${{ parameters.version }}',
          mode: 'container',
          storageGb: '${{ parameters.storageGb }}',
        },
        variables: [
          {
            key: 'DATABASE_URL',
            kind: 'alias',
            aliasOf: 'GR_${{ parameters.prefix }}_URL',
          },
        ],
      },
      links: [{ url: 'https://www.postgresql.org/docs/', title: 'Docs' }],
      ...spec,
    },
  };
}

async function relationsOf(entity: Entity) {
  const results: CatalogProcessorResult[] = [];
  const returned =
    await new ServiceTemplateEntitiesProcessor().postProcessEntity(
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

describe('ServiceTemplateEntitiesProcessor', () => {
  const processor = new ServiceTemplateEntitiesProcessor();

  it('has a name', () => {
    expect(processor.getProcessorName()).toBe(
      'ServiceTemplateEntitiesProcessor',
    );
  });

  describe('validateEntityKind', () => {
    it('accepts a valid ServiceTemplate, with ${{ parameters.x }} expressions', async () => {
      await expect(
        processor.validateEntityKind(serviceTemplate()),
      ).resolves.toBe(true);
    });

    it('accepts a ServiceTemplate with only the required fields', async () => {
      const entity = serviceTemplate();
      entity.spec = {
        owner: 'platform',
        type: 'job',
        version: '0.1.0-rc.1',
        lifecycle: 'experimental',
        service: {},
      };
      await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
    });

    it('returns false for entities of other kinds and api versions', async () => {
      await expect(
        processor.validateEntityKind({
          apiVersion: 'scaffolder.backstage.io/v1beta3',
          kind: 'Template',
          metadata: { name: 'node-api' },
          spec: { type: 'service', steps: [] },
        }),
      ).resolves.toBe(false);
      await expect(
        processor.validateEntityKind({
          ...serviceTemplate(),
          apiVersion: 'greenroom.dev/v2',
        }),
      ).resolves.toBe(false);
      await expect(
        processor.validateEntityKind({
          ...serviceTemplate(),
          kind: 'Environment',
        }),
      ).resolves.toBe(false);
    });

    it.each([
      [
        'a missing owner',
        (e: Entity) => delete e.spec!.owner,
        /\/spec must have required property 'owner'/,
      ],
      [
        'a version that is not semver',
        (e: Entity) => (e.spec!.version = 'v2'),
        /\/spec\/version must match pattern/,
      ],
      [
        'an unknown type',
        (e: Entity) => (e.spec!.type = 'lambda'),
        /\/spec\/type must be equal to one of the allowed values/,
      ],
      [
        'an unknown lifecycle',
        (e: Entity) => (e.spec!.lifecycle = 'beta'),
        /\/spec\/lifecycle must be equal to one of the allowed values/,
      ],
      [
        'a missing service',
        (e: Entity) => delete e.spec!.service,
        /\/spec must have required property 'service'/,
      ],
      [
        'parameters that are not an object schema',
        (e: Entity) => (e.spec!.parameters = ['version']),
        /\/spec\/parameters must be object/,
      ],
      [
        'a port that is neither a number nor an expression',
        (e: Entity) => ((e.spec!.service as any).ports[0].port = 'postgres'),
        /\/spec\/service\/ports\/0\/port/,
      ],
      [
        'a misspelt service field',
        (e: Entity) => ((e.spec!.service as any).replica = 2),
        /\/spec\/service must NOT have additional properties - additionalProperty: replica/,
      ],
      [
        'a lower-case variable key',
        (e: Entity) => ((e.spec!.service as any).variables[0].key = 'db_url'),
        /\/spec\/service\/variables\/0\/key must match pattern/,
      ],
      [
        'a built-in variable (computed, never authored)',
        (e: Entity) => ((e.spec!.service as any).variables[0].kind = 'builtin'),
        /\/spec\/service\/variables\/0\/kind must be equal to one of the allowed values/,
      ],
      [
        'a link without url',
        (e: Entity) => (e.spec!.links = [{ title: 'Docs' }]),
        /\/spec\/links\/0 must have required property 'url'/,
      ],
    ])(
      'rejects %s with a message naming the field',
      async (_, edit, message) => {
        const entity = serviceTemplate();
        edit(entity);
        await expect(processor.validateEntityKind(entity)).rejects.toThrow(
          message,
        );
      },
    );
  });

  describe('postProcessEntity', () => {
    it('relates the template to its owner, both ways', async () => {
      await expect(relationsOf(serviceTemplate())).resolves.toEqual([
        `ServiceTemplate:default/postgresql ${RELATION_OWNED_BY} group:default/platform`,
        `group:default/platform ${RELATION_OWNER_OF} ServiceTemplate:default/postgresql`,
      ]);
    });

    it('defaults the owner to a Group in the namespace of the template', async () => {
      const entity = serviceTemplate(
        { owner: 'platform' },
        { namespace: 'infra' },
      );
      await expect(relationsOf(entity)).resolves.toEqual([
        `ServiceTemplate:infra/postgresql ${RELATION_OWNED_BY} Group:infra/platform`,
        `Group:infra/platform ${RELATION_OWNER_OF} ServiceTemplate:infra/postgresql`,
      ]);
    });

    it('accepts a User as owner', async () => {
      await expect(
        relationsOf(serviceTemplate({ owner: 'user:default/grace' })),
      ).resolves.toEqual([
        `ServiceTemplate:default/postgresql ${RELATION_OWNED_BY} user:default/grace`,
        `user:default/grace ${RELATION_OWNER_OF} ServiceTemplate:default/postgresql`,
      ]);
    });

    it('leaves other entities alone', async () => {
      await expect(
        relationsOf({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'storefront' },
          spec: { owner: 'team-shop' },
        }),
      ).resolves.toEqual([]);
    });
  });
});
