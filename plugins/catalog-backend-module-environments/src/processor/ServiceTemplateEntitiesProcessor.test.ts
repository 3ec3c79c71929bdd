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
          name: { type: 'string' },
          version: { type: 'string', enum: ['15', '16'], default: '16' },
          storageGb: { type: 'integer', default: 20 },
          prefix: { type: 'string', default: 'ORDERS_DB' },
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
        service: { kind: 'job', image: { repository: 'ghcr.io/example/job' } },
      };
      await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
    });

    it('rejects a template that can never make a service', async () => {
      const entity = serviceTemplate();
      entity.spec = {
        owner: 'platform',
        type: 'job',
        version: '0.1.0',
        lifecycle: 'experimental',
        service: {},
      };
      await expect(processor.validateEntityKind(entity)).rejects.toThrow(
        `servicetemplate:default/postgresql is invalid: spec.service.kind: is required for a service, and rendering with the parameters' defaults left it empty — set it in spec.service: use one of application, container, database, job or a "\${{ parameters.name }}" expression`,
      );
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
        'spec.owner: is required — set the owning group, e.g. "group:default/platform"',
      ],
      [
        'a version that is not semver',
        (e: Entity) => (e.spec!.version = 'v2'),
        'spec.version: is "v2"; must be a semantic version such as "1.2.0" — write a semantic version MAJOR.MINOR.PATCH such as "1.2.0"',
      ],
      [
        'a version that YAML read as a number',
        (e: Entity) => (e.spec!.version = 1.2),
        'spec.version: is 1.2; must be a string — write a semantic version MAJOR.MINOR.PATCH such as "1.2.0" (quote it in YAML)',
      ],
      [
        'an unknown type',
        (e: Entity) => (e.spec!.type = 'lambda'),
        'spec.type: is "lambda"; must be one of application, database, cache, queue, job, static-site — write what the template makes',
      ],
      [
        'an unknown lifecycle',
        (e: Entity) => (e.spec!.lifecycle = 'beta'),
        'spec.lifecycle: is "beta"; must be one of experimental, production, deprecated — write one of',
      ],
      [
        'a missing service',
        (e: Entity) => delete e.spec!.service,
        'spec.service: is required — add spec.service with the defaults of the service',
      ],
      [
        'parameters that are not an object schema',
        (e: Entity) => (e.spec!.parameters = ['version']),
        'spec.parameters: ',
      ],
      [
        'a port that is neither a number nor an expression',
        (e: Entity) => ((e.spec!.service as any).ports[0].port = 'postgres'),
        'spec.service.ports[0].port: is "postgres"; ',
      ],
      [
        'a misspelt service field',
        (e: Entity) => ((e.spec!.service as any).replica = 2),
        'spec.service.replica: unknown field — remove "replica" or correct its spelling',
      ],
      [
        'a lower-case variable key',
        (e: Entity) => ((e.spec!.service as any).variables[0].key = 'db_url'),
        'spec.service.variables[0].key: is "db_url"; must be upper case letters, digits and underscores — use upper case letters, digits and "_", e.g. DATABASE_URL',
      ],
      [
        'a built-in variable (computed, never authored)',
        (e: Entity) => ((e.spec!.service as any).variables[0].kind = 'builtin'),
        'spec.service.variables[0].kind: is "builtin"; must be one of "value", "secret", "alias" — use value, secret or alias (built-in variables such as GR_DB_URL are computed, never written)',
      ],
      [
        'a link without url',
        (e: Entity) => (e.spec!.links = [{ title: 'Docs' }]),
        'spec.links[0].url: is required — give each link a url',
      ],
      [
        'a metadata name the catalog refuses',
        (e: Entity) => (e.metadata.name = 'Postgres SQL!'),
        'metadata.name: is not valid: expected a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total but found "Postgres SQL!" — use 1-63 letters, digits',
      ],
      [
        'an expression of an undeclared parameter',
        (e: Entity) =>
          ((e.spec!.service as any).resources.memory =
            '${{ parameters.memory }}'),
        'spec.service.resources.memory: "${{ parameters.memory }}" refers to parameters.memory, which is not declared — declare "memory" under spec.parameters.properties, or correct the name (declared: name, version, storageGb, prefix)',
      ],
      [
        'an unsupported expression',
        (e: Entity) =>
          ((e.spec!.service as any).resources.cpu =
            '${{ parameters.version | upper }}'),
        'spec.service.resources.cpu: unsupported expression "${{ parameters.version | upper }}" — only "${{ parameters.name }}" is supported here',
      ],
      [
        'parameters that are not a valid JSON Schema',
        (e: Entity) =>
          ((e.spec!.parameters as any).properties.storageGb.type = 'int'),
        'spec.parameters.properties.storageGb.type: is not valid JSON Schema: must be equal to one of the allowed values — use one of the JSON Schema types: string, number, integer, boolean, object, array',
      ],
      [
        'a default outside its own enum',
        (e: Entity) =>
          ((e.spec!.parameters as any).properties.version.default = '17'),
        'spec.parameters.properties.version: its default does not satisfy the schema: parameters.version: must be one of 15, 16 — make the default one of the allowed values',
      ],
      [
        'defaults that render an invalid service',
        (e: Entity) =>
          ((e.spec!.parameters as any).properties.storageGb.default = 0),
        "spec.service.database.storageGb: rendering with the parameters' defaults gives an invalid service",
      ],
      [
        'a data rule that could run more than one SQL condition',
        (e: Entity) =>
          ((e.spec!.service as any).database.data = {
            subset: [{ table: 'orders', where: '1=1; drop table orders' }],
          }),
        'spec.service.database.data.subset[0].where: is "1=1; drop table orders"; must be one SQL condition: no ";", "--" or "/*"',
      ],
      [
        'a fixed transform without its value',
        (e: Entity) =>
          ((e.spec!.service as any).database.data = {
            rules: [{ column: 'customers.country', transform: 'fixed' }],
          }),
        'spec.service.database.data.rules[0].value: is required for the fixed transform',
      ],
      [
        'a database template without database settings',
        (e: Entity) => delete (e.spec!.service as any).database,
        "spec.service.database: rendering with the parameters' defaults gives an invalid service: is required for a database service (engine and version) — add spec.service.database with engine (postgresql, mysql, redis, mongodb) and version",
      ],
    ])(
      'rejects %s with a message naming the field and the fix',
      async (_, edit, message) => {
        const entity = serviceTemplate();
        edit(entity);
        const error = await processor.validateEntityKind(entity).then(
          () => undefined,
          e => e as Error,
        );
        expect(error?.message).toMatch(
          /^servicetemplate:default\/.+ is invalid: /,
        );
        expect(error?.message).toContain(message);
      },
    );

    it('names every failing field of the spec at once', async () => {
      const entity = serviceTemplate({ type: 'lambda', version: 'v2' });
      await expect(processor.validateEntityKind(entity)).rejects.toThrow(
        /spec\.type: .*; spec\.version: /,
      );
    });
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
