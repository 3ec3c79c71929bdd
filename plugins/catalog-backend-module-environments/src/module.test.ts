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
import {
  environmentsServiceMock,
  makeEnvironment,
} from '@greenroom/plugin-environments-node/testUtils';

/** What the environments backend holds: staging of the shop system. */
const stagingEnvironment = makeEnvironment({
  id: 'id-staging',
  name: 'staging',
  title: 'Staging',
  services: [
    {
      name: 'storefront',
      kind: 'application',
      componentRef: 'component:default/storefront',
      ports: [],
      resources: { cpu: '250m', memory: '256Mi' },
      replicas: 1,
      customDomains: [],
      variables: [],
    },
  ],
  createdBy: 'user:default/ada',
});

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
  name: from-yaml
spec:
  mode: production
  system: shop
  owner: team-shop
  runtime: local
  services: []
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

    /** The environments backend, as the provider sees it: one environment. */
    const environments = environmentsServiceMock.factory({
      environments: [stagingEnvironment],
    });

    async function startCatalog() {
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleEnvironments,
          catalogModuleScaffolderEntityModel,
          recordProcessingErrors,
          environments,
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                providers: {
                  greenroomEnvironments: {
                    // No initial delay: the test scheduler runs it on startup.
                    schedule: {
                      frequency: { seconds: 1 },
                      timeout: { seconds: 10 },
                    },
                  },
                },
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

    it('ingests the kinds with their relations, Environments only from the provider', async () => {
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

        // Published by the provider: accepted, with its relations.
        const staging = await hasRelations('environment/default/staging', 3);
        expect(staging.metadata.annotations).toMatchObject({
          'backstage.io/managed-by-location': 'greenroom:environments',
          'backstage.io/managed-by-origin-location': 'greenroom:environments',
        });
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

        // Environments from anywhere but the provider (a YAML file anyone
        // can register) are refused, saying why, and never stored.
        for (const name of ['from-yaml', 'broken']) {
          const errors = await eventually(async () =>
            processingErrors.get(name),
          );
          expect(errors.join('\n')).toMatch(
            /Environment entities come only from Greenroom's environments provider \(greenroom:environments\), not from file:/,
          );
          await expect(
            get(`/entities/by-name/environment/default/${name}`),
          ).resolves.toBeUndefined();
        }
        expect(processingErrors.has('staging')).toBe(false);
      } finally {
        await backend.stop();
      }
    }, 60_000);
  });
});
