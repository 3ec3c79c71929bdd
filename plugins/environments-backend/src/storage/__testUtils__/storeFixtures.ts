// What the store tests share: a store on a test database with a clock the
// test moves, and environments, operations and ledger intervals to write.
import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Service } from '@greenroom/plugin-environments-common';
import { SecretBox } from '../../secrets/SecretBox';
import { DatabaseEnvironmentsStore } from '../DatabaseEnvironmentsStore';
import type { NewEnvironment, NewOperation } from '../types';

const secrets = new SecretBox('a-test-key-that-is-long-enough-for-aes');

export const START = new Date('2026-03-02T09:00:00.000Z');

/** A migrated test database and a store on it whose clock the test moves. */
export async function setupStore(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  const knex = await databases.init(databaseId);
  let now = START;
  const store = await DatabaseEnvironmentsStore.forTest(knex, secrets, {
    now: () => now,
  });
  const clock = {
    tick(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    now: () => now,
  };
  return { knex, store, clock };
}

export const web: Service = {
  name: 'web',
  kind: 'application',
  componentRef: 'component:default/shop-web',
  image: { repository: 'ghcr.io/acme/shop-web', tag: '1.4.2' },
  ports: [{ port: 8080, public: true }],
  resources: { cpu: '250m', memory: '256Mi' },
  replicas: 2,
  customDomains: ['shop.example.com'],
  variables: [
    { key: 'LOG_LEVEL', kind: 'value', value: 'debug' },
    { key: 'STRIPE_KEY', kind: 'secret', value: 'sk_live_web' },
    { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_DB_URL' },
  ],
};

export const db: Service = {
  name: 'db',
  kind: 'database',
  template: { ref: 'servicetemplate:default/postgres', version: '1.2.0' },
  ports: [{ port: 5432, public: false }],
  resources: { cpu: '500m', memory: '1Gi', storage: '10Gi' },
  replicas: 1,
  database: { engine: 'postgresql', version: '16', mode: 'container' },
  customDomains: [],
  variables: [],
};

export function newEnvironment(
  name: string,
  overrides: Partial<NewEnvironment> = {},
): NewEnvironment {
  return {
    name,
    title: `Title of ${name}`,
    system: 'system:default/shop',
    owner: 'group:default/team-shop',
    mode: 'development',
    runtime: { type: 'local' },
    services: [],
    variables: [],
    policy: { idleAfter: '2h', priority: 50 },
    desiredState: 'running',
    status: 'provisioning',
    origin: { type: 'manual' },
    attention: [],
    createdBy: 'user:default/guest',
    ...overrides,
  };
}

export function newOperation(
  overrides: Partial<NewOperation> = {},
): NewOperation {
  return {
    type: 'create',
    steps: ['provision', 'observe'],
    requestedBy: 'user:default/guest',
    ...overrides,
  };
}

export function interval(environmentId: string, serviceName: string) {
  return {
    environmentId,
    serviceName,
    state: 'running' as const,
    cpuCores: 0.25,
    memoryGb: 0.5,
    storageGb: 1.5,
  };
}
