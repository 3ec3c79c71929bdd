import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { EXAMPLES_DIR } from './__testUtils__/examples';
import { catalogModuleEnvironments } from './module';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import {
  EnvironmentEntitiesProcessor,
  ServiceTemplateEntitiesProcessor,
} from './processor';
import { EnvironmentEntityProvider } from './provider/EnvironmentEntityProvider';

describe('catalogModuleEnvironments', () => {
  it('adds both processors and the environment provider to the catalog', async () => {
    const addProcessor = jest.fn();
    const addEntityProvider = jest.fn();
    await startTestBackend({
      extensionPoints: [
        [catalogProcessingExtensionPoint, { addProcessor, addEntityProvider }],
      ],
      features: [catalogModuleEnvironments],
    });

    expect(addProcessor).toHaveBeenCalledTimes(1);
    expect(addProcessor).toHaveBeenCalledWith(
      expect.any(EnvironmentEntitiesProcessor),
      expect.any(ServiceTemplateEntitiesProcessor),
    );
    expect(addEntityProvider).toHaveBeenCalledWith(
      expect.any(EnvironmentEntityProvider),
    );
  });

  describe('in a catalog backend', () => {
    const mockDir = createMockDirectory({
      content: {
        'environments.yaml': `
apiVersion: greenroom.dev/v1alpha1
kind: Environment
metadata:
  name: staging
spec:
  mode: staging
  system: shop
  owner: team-shop
  runtime: local
  services:
    - name: storefront
      kind: application
      componentRef: storefront
    - name: orders-db
      kind: database
      template: servicetemplate:default/postgresql@2.1.0
---
apiVersion: greenroom.dev/v1alpha1
kind: Environment
metadata:
  name: broken
spec:
  mode: prod
  system: shop
  owner: team-shop
  runtime: local
  services: []
`,
      },
    });

    /** What the catalog reports as processing errors, per entity name. */
    const processingErrors = new Map<string, string[]>();
    const recordProcessingErrors = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'test-processing-errors',
      register(reg) {
        reg.registerInit({
          deps: { catalog: catalogProcessingExtensionPoint },
          async init({ catalog }) {
            catalog.setOnProcessingErrorHandler(
              ({ unprocessedEntity, errors }) => {
                processingErrors.set(
                  unprocessedEntity.metadata.name,
                  errors.map(error => error.message),
                );
              },
            );
          },
        });
      },
    });

    async function startCatalog() {
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleEnvironments,
          catalogModuleScaffolderEntityModel,
          recordProcessingErrors,
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: [
                  {
                    allow: [
                      'Component',
                      'System',
                      'API',
                      'Domain',
                      'Group',
                      'User',
                      'Location',
                      'Environment',
                      'ServiceTemplate',
                      'Template',
                    ],
                  },
                ],
                locations: [
                  { type: 'file', target: `${EXAMPLES_DIR}/catalog.yaml` },
                  {
                    type: 'file',
                    target: mockDir.resolve('environments.yaml'),
                  },
                ],
                processingInterval: { seconds: 1 },
              },
            },
          }),
        ],
      });
      const { port } = backend.server.address() as { port: number };
      const get = async (path: string) => {
        const response = await fetch(
          `http://localhost:${port}/api/catalog${path}`,
          { headers: { Authorization: mockCredentials.user.header() } },
        );
        return response.ok ? response.json() : undefined;
      };
      return { backend, get };
    }

    /** Polls until `check` returns a value, or fails after `timeout` ms. */
    async function eventually<T>(
      check: () => Promise<T | undefined>,
      timeout = 30_000,
    ): Promise<T> {
      const deadline = Date.now() + timeout;
      for (;;) {
        const value = await check();
        if (value !== undefined) {
          return value;
        }
        if (Date.now() > deadline) {
          throw new Error('timed out');
        }
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    }

    function relations(entity: Entity) {
      return (entity.relations ?? []).map(r => `${r.type} ${r.targetRef}`);
    }

    it('ingests the kinds with their relations and rejects broken ones', async () => {
      const { backend, get } = await startCatalog();
      try {
        const hasRelations = (ref: string, count: number) =>
          eventually(async () => {
            const entity: Entity | undefined = await get(
              `/entities/by-name/${ref}`,
            );
            return entity && (entity.relations ?? []).length >= count
              ? entity
              : undefined;
          });

        const staging = await hasRelations('environment/default/staging', 3);
        expect(relations(staging)).toEqual(
          expect.arrayContaining([
            'partOf system:default/shop',
            'ownedBy group:default/team-shop',
            'dependsOn component:default/storefront',
          ]),
        );

        const template = await hasRelations(
          'servicetemplate/default/postgresql',
          1,
        );
        expect(relations(template)).toContain('ownedBy group:default/platform');

        const system = await hasRelations('system/default/shop', 1);
        await eventually(async () => {
          const entity: Entity = await get(
            '/entities/by-name/system/default/shop',
          );
          return relations(entity).includes(
            'hasPart environment:default/staging',
          )
            ? entity
            : undefined;
        });
        expect(system.metadata.name).toBe('shop');

        const platform: Entity = await eventually(async () => {
          const entity: Entity | undefined = await get(
            '/entities/by-name/group/default/platform',
          );
          return entity &&
            relations(entity).includes(
              'ownerOf servicetemplate:default/postgresql',
            )
            ? entity
            : undefined;
        });
        expect(relations(platform)).toContain(
          'ownerOf servicetemplate:default/redis',
        );

        // The invalid Environment is reported with the field at fault and
        // never makes it into the catalog.
        const brokenErrors = await eventually(async () =>
          processingErrors.get('broken'),
        );
        expect(brokenErrors.join('\n')).toMatch(
          /\/spec\/mode must be equal to one of the allowed values/,
        );
        await expect(
          get('/entities/by-name/environment/default/broken'),
        ).resolves.toBeUndefined();
        expect(processingErrors.has('staging')).toBe(false);
      } finally {
        await backend.stop();
      }
    }, 60_000);
  });
});
