import {
  serviceSchema,
  toApiService,
  type ServiceTemplateEntityV1alpha1,
} from '@greenroom/plugin-environments-common';
import {
  InMemoryEnvironmentsService,
  makeEnvironment,
  type InMemoryEnvironmentsServiceOptions,
} from '@greenroom/plugin-environments-node/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';

/** The platform's example ServiceTemplates, which the demo's catalog holds. */
export const SERVICE_TEMPLATES_DIR = path.resolve(
  __dirname,
  '../../../../../examples/service-templates',
);

const SERVICE_TEMPLATES: ServiceTemplateEntityV1alpha1[] = fs
  .readdirSync(SERVICE_TEMPLATES_DIR)
  .filter(file => file.endsWith('.yaml'))
  .map(file =>
    yaml.parse(fs.readFileSync(path.join(SERVICE_TEMPLATES_DIR, file), 'utf8')),
  );

/** The base environment previews and clones start from; its secret is not copied. */
export const STAGING = makeEnvironment({
  name: 'staging',
  // Applications with the defaults the API fills in.
  services: [
    {
      name: 'storefront',
      componentRef: 'component:default/storefront',
      image: { repository: 'ghcr.io/example/storefront', tag: '1.8.2' },
      git: { repository: 'example/storefront', branch: 'main' },
    },
    {
      name: 'orders-api',
      componentRef: 'component:default/orders-api',
      image: { repository: 'ghcr.io/example/orders-api', tag: '2.4.0' },
    },
  ].map(service =>
    toApiService(serviceSchema.parse({ kind: 'application', ...service })),
  ),
  variables: [{ key: 'STRIPE_KEY', kind: 'secret', isSet: true }],
});

/**
 * The published in-memory environments client holding `staging` (and the
 * given environments), the example ServiceTemplates, and clone plans whose
 * diff says what the backend would: the database host points at the clone.
 */
export function inMemoryEnvironments(
  options: InMemoryEnvironmentsServiceOptions = {},
) {
  return new InMemoryEnvironmentsService({
    serviceTemplates: SERVICE_TEMPLATES,
    clonePlan: (source, request, plan) => ({
      ...plan,
      diff: [
        {
          kind: 'changed',
          path: 'variables.GR_DB_HOST',
          from: `db-${source.name}`,
          to: `db-${request.name}`,
        },
        {
          kind: 'attention',
          path: 'variables.STRIPE_KEY',
          reason: 'secrets are not copied',
        },
      ],
    }),
    ...options,
    // Copies, so a test that changes an environment leaves the next one's alone.
    environments: [STAGING, ...(options.environments ?? [])].map(env =>
      structuredClone(env),
    ),
  });
}
