import type {
  Operation,
  ServiceObservation,
} from '@greenroom/plugin-environments-common';
import type { ApiEnvironment, ApiService } from '../api';

/** What the runtime saw of a service, a minute ago by default. */
export function makeObserved(
  overrides: Partial<ServiceObservation> = {},
): ServiceObservation {
  const minuteAgo = new Date(Date.now() - 60_000).toISOString();
  return {
    phase: 'running',
    publicUrls: [],
    internalUrls: [],
    lastTransitionAt: minuteAgo,
    observedAt: minuteAgo,
    ...overrides,
  };
}

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

const HOUR_MS = 60 * 60 * 1000;
const hoursAgo = (hours: number) =>
  new Date(Date.now() - hours * HOUR_MS).toISOString();

/** The shop's API and database as the runtime sees them at `host`. */
function shopServices(
  host: string,
  api: Partial<ServiceObservation>,
): ApiService[] {
  const name = host.split('.')[0];
  return [
    makeService({
      name: 'api',
      kind: 'application',
      componentRef: 'component:default/shop-api',
      image: { repository: 'ghcr.io/acme/shop-api', tag: '2.4.0' },
      ports: [{ port: 8080, public: true }],
      observed: makeObserved({
        publicUrls: [`https://${host}`],
        internalUrls: [`http://api-${name}:8080`],
        image: 'ghcr.io/acme/shop-api:2.4.0',
        ...api,
      }),
    }),
    makeService({
      name: 'db',
      kind: 'database',
      database: { engine: 'postgresql', version: '16', mode: 'container' },
      observed: makeObserved({
        phase: api.phase === 'stopped' ? 'stopped' : 'running',
        internalUrls: [`postgresql://db-${name}:5432`],
        lastTransitionAt: hoursAgo(26),
      }),
    }),
  ];
}

/**
 * A small, varied set of environments for tests and the dev app, with what
 * the runtime observed of their services (payments-dev not yet).
 */
export const sampleEnvironments: ApiEnvironment[] = [
  makeEnvironment({
    name: 'shop-production',
    title: 'Shop (production)',
    mode: 'production',
    runtime: { type: 'kubernetes', target: 'prod-eu-1' },
    services: shopServices('shop.acme.example', {
      replicas: { ready: 3, desired: 3 },
      lastTransitionAt: hoursAgo(72),
    }),
  }),
  makeEnvironment({
    name: 'shop-staging',
    title: 'Shop (staging)',
    mode: 'staging',
    status: 'degraded',
    runtime: { type: 'kubernetes', target: 'staging-eu-1' },
    services: shopServices('shop-staging.acme.example', {
      phase: 'failed',
      replicas: { ready: 0, desired: 1 },
      image: 'ghcr.io/acme/shop-api:2.3.9',
      problem: 'CrashLoopBackOff: the container exits with code 1',
      lastTransitionAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    }),
  }),
  makeEnvironment({
    name: 'shop-pr-42',
    title: 'Shop preview for #42',
    mode: 'preview',
    status: 'stopped',
    desiredState: 'stopped',
    services: shopServices('shop-pr-42.preview.acme.example', {
      phase: 'stopped',
      replicas: { ready: 0, desired: 0 },
      lastTransitionAt: hoursAgo(5),
    }),
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
