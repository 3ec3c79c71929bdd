// Shared setup of the KubernetesRuntime tests: a runtime against the HTTP double of the Kubernetes API.
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import type {
  OrphanContext,
  RuntimeContext,
} from '@greenroom/plugin-environments-node';
import { readClusterConfigs } from '../cluster/config';
import { KubernetesRuntime } from '../KubernetesRuntime';
import type { KubernetesRuntimeOptions } from '../runtime/options';
import { resolvedEnvironment } from '../testing/environments';
import { KubernetesApiDouble } from '../testing/KubernetesApiDouble';

/** A secret value that must never reach anything but Secret objects. */
export const SECRET = 'canary-secret-value-7f3a';
export const INSTALLATION = 'gr-test0001';

/** A runtime context whose checkpoints remember `done` and record the keys they ran. */
export function context(
  done: Record<string, JsonValue> = {},
): RuntimeContext & { keys: string[] } {
  const keys: string[] = [];
  return {
    keys,
    signal: new AbortController().signal,
    logger: mockServices.logger.mock(),
    async checkpoint<T extends JsonValue | void>(
      key: string,
      fn: () => Promise<T>,
    ) {
      if (key in done) return done[key] as T;
      const value = await fn();
      done[key] = (value ?? null) as JsonValue;
      keys.push(key);
      return value;
    },
  };
}

export function orphanContext(): OrphanContext {
  return {
    signal: new AbortController().signal,
    logger: mockServices.logger.mock(),
  };
}

export const app = (name: string, extra: object = {}) => ({
  name,
  kind: 'application',
  image: { repository: `ghcr.io/example/${name}`, tag: '1.0.0' },
  ports: [{ port: 8080, public: false }],
  ...extra,
});

/** The `shop` environment: these services and a PostgreSQL `db`, with a secret. */
export const shop = (
  services = [app('api', { replicas: 3 }), app('web')],
  extra: object = {},
) =>
  resolvedEnvironment({
    name: 'shop',
    id: 'id-shop',
    services: [
      ...services,
      {
        name: 'db',
        kind: 'database',
        database: { engine: 'postgresql', version: '16' },
      },
    ],
    variables: [
      { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_DB_URL' },
      { key: 'TOKEN', kind: 'secret', value: SECRET },
    ],
    ...extra,
  });

/** A runtime on these doubles as named clusters, polling fast. */
export function makeRuntime(
  doubles: Array<{ name: string; double: KubernetesApiDouble }>,
  options: Partial<KubernetesRuntimeOptions> = {},
  installationId = INSTALLATION,
  namespacePrefix?: string,
) {
  const clusters = readClusterConfigs(
    new ConfigReader({
      environments: {
        kubernetes: {
          clusters: doubles.map(d => ({
            name: d.name,
            url: d.double.url,
            token: d.double.token,
            skipTLSVerify: true,
            ...(namespacePrefix ? { namespacePrefix } : {}),
          })),
        },
      },
    }),
  );
  return new KubernetesRuntime({
    clusters,
    logger: mockServices.logger.mock(),
    installationId,
    options: {
      pollIntervalMs: 10,
      rolloutTimeoutMs: 5_000,
      destroyTimeoutMs: 5_000,
      ...options,
    },
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
}

/**
 * Before each test a fresh double and a runtime on it as cluster `double`,
 * handed to `use`; after it, the double stops.
 */
export function eachTestOnADouble(
  use: (fresh: {
    double: KubernetesApiDouble;
    runtime: KubernetesRuntime;
  }) => void,
) {
  // Real HTTP to the double: slow when the machine is busy.
  jest.setTimeout(60_000);
  let double: KubernetesApiDouble | undefined;
  beforeEach(async () => {
    double = await KubernetesApiDouble.start();
    use({ double, runtime: makeRuntime([{ name: 'double', double }]) });
  });
  afterEach(() => double?.stop());
}

/** What Greenroom manages in the double, but pods: `Kind/name`, sorted. */
export const inventory = (double: KubernetesApiDouble) =>
  double
    .objects({ labelSelector: 'app.kubernetes.io/managed-by=greenroom' })
    .filter(o => o.kind !== 'Pod')
    .map(o => `${o.kind}/${o.metadata.name}`)
    .sort();

/** A request to the double behind Greenroom's back, as someone else would send it. */
export function requestDouble(
  double: KubernetesApiDouble,
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
) {
  return fetch(`${double.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${double.token}`,
      'content-type':
        method === 'PATCH'
          ? 'application/merge-patch+json'
          : 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
