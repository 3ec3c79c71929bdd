import type { Operation } from '@greenroom/plugin-environments-common';
import type { ApiEnvironment, ApiService } from '../api';

/** A service with the defaults the common schema applies. */
export function makeService(
  overrides: Partial<ApiService> & Pick<ApiService, 'name' | 'kind'>,
): ApiService {
  return {
    ports: [],
    resources: { cpu: '250m', memory: '256Mi' },
    replicas: 1,
    customDomains: [],
    variables: [],
    ...overrides,
  };
}

/** A complete environment, as `GET /environments/{name}` returns it. */
export function makeEnvironment(
  overrides: Partial<ApiEnvironment> & Pick<ApiEnvironment, 'name'>,
): ApiEnvironment {
  const now = new Date().toISOString();
  return {
    id: `env-${overrides.name}`,
    title: overrides.name,
    system: 'system:default/shop',
    owner: 'group:default/team-shop',
    mode: 'development',
    runtime: { type: 'local' },
    services: [
      makeService({
        name: 'api',
        kind: 'application',
        componentRef: 'component:default/shop-api',
      }),
      makeService({
        name: 'db',
        kind: 'database',
        database: { engine: 'postgresql', version: '16', mode: 'container' },
      }),
    ],
    variables: [],
    policy: { priority: 50 },
    desiredState: 'running',
    status: 'running',
    origin: { type: 'manual' },
    attention: [],
    lastActivityAt: now,
    createdBy: 'user:default/guest',
    createdAt: now,
    updatedAt: now,
    revision: 1,
    ...overrides,
  };
}

/** A small, varied set of environments for tests and the dev app. */
export const sampleEnvironments: ApiEnvironment[] = [
  makeEnvironment({
    name: 'shop-production',
    title: 'Shop (production)',
    mode: 'production',
    runtime: { type: 'kubernetes', target: 'prod-eu-1' },
  }),
  makeEnvironment({
    name: 'shop-staging',
    title: 'Shop (staging)',
    mode: 'staging',
    status: 'degraded',
    runtime: { type: 'kubernetes', target: 'staging-eu-1' },
  }),
  makeEnvironment({
    name: 'shop-pr-42',
    title: 'Shop preview for #42',
    mode: 'preview',
    status: 'stopped',
    desiredState: 'stopped',
    origin: {
      type: 'preview',
      pullRequest: {
        provider: 'github',
        repository: 'acme/shop',
        number: 42,
        branch: 'feature/cart',
        headSha: '0123456789abcdef0123456789abcdef01234567',
        url: 'https://github.com/acme/shop/pull/42',
      },
    },
    expiresAt: new Date(Date.now() + 2 * 24 * 60 * 60 * 1000).toISOString(),
  }),
  makeEnvironment({
    name: 'payments-dev',
    title: 'Payments development',
    system: 'system:default/payments',
    owner: 'group:default/team-payments',
    services: [makeService({ name: 'payments', kind: 'application' })],
  }),
];

/** An operation as `GET /environments/{name}/operations` returns it. */
export function makeOperation(
  overrides: Partial<Operation> & Pick<Operation, 'id' | 'type'>,
): Operation {
  const now = new Date().toISOString();
  return {
    environmentId: 'env-shop-dev',
    status: 'succeeded',
    steps: [],
    requestedBy: 'user:default/guest',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}
