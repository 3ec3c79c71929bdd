import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import type { RuntimeContext } from '@greenroom/plugin-environments-node';
import { ClusterApi } from '../cluster/ClusterApi';
import { readClusterConfigs } from '../cluster/config';
import { KubernetesRuntime } from '../KubernetesRuntime';
import { resolvedEnvironment } from '../testing/environments';

/**
 * The core scenarios against a real cluster (kind, minikube, k3d, …). Opt-in
 * and outside the default test pattern; run it with
 *
 *   GREENROOM_E2E_KUBERNETES=1 KUBECONFIG=~/.kube/config \
 *     NODE_OPTIONS=--experimental-vm-modules \
 *     bash scripts/greenroom.sh yarn workspace \
 *     @greenroom/plugin-environments-backend-module-kubernetes test \
 *     --testMatch '**\/e2e/*.e2e.ts'
 *
 * It pulls nginx and redis images and creates (then deletes) two namespaces.
 */

jest.setTimeout(15 * 60_000);

// Outside the test pattern, so only runtime dependencies: a quiet logger.
const logger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => logger,
};

const enabled =
  process.env.GREENROOM_E2E_KUBERNETES === '1' && !!process.env.KUBECONFIG;
const suffix = Math.random().toString(36).slice(2, 8);
const SOURCE = `e2e-${suffix}`;
const CLONE = `e2e-${suffix}-copy`;

function context(): RuntimeContext {
  const done = new Map<string, JsonValue>();
  return {
    signal: new AbortController().signal,
    logger: logger,
    async checkpoint<T extends JsonValue | void>(
      key: string,
      fn: () => Promise<T>,
    ) {
      if (done.has(key)) return done.get(key) as T;
      const value = await fn();
      done.set(key, (value ?? null) as JsonValue);
      return value;
    },
  };
}

const environment = (name: string) =>
  resolvedEnvironment({
    name,
    id: `id-${name}`,
    services: [
      {
        name: 'web',
        kind: 'container',
        image: { repository: 'nginx', tag: '1.27' },
        ports: [{ port: 80 }],
        replicas: 2,
      },
      {
        name: 'api',
        kind: 'container',
        image: { repository: 'nginx', tag: '1.27' },
        ports: [{ port: 80 }],
      },
      {
        name: 'cache',
        kind: 'database',
        database: { engine: 'redis', version: '7' },
      },
    ],
    variables: [{ key: 'CACHE_URL', kind: 'alias', aliasOf: 'GR_CACHE_URL' }],
  });

describe('the kubernetes runtime on a real cluster', () => {
  let runtime: KubernetesRuntime;
  let api: ClusterApi;

  beforeAll(async () => {
    if (!enabled) {
      throw new Error(
        'This suite runs against a real cluster: set GREENROOM_E2E_KUBERNETES=1 and KUBECONFIG to a kubeconfig file',
      );
    }
    const clusters = readClusterConfigs(
      new ConfigReader({
        environments: {
          kubernetes: {
            clusters: [{ name: 'e2e', kubeconfig: process.env.KUBECONFIG! }],
          },
        },
      }),
    );
    runtime = new KubernetesRuntime({
      clusters,
      logger: logger,
      installationId: 'gr-e2e',
      options: {
        rolloutTimeoutMs: 5 * 60_000,
        destroyTimeoutMs: 5 * 60_000,
        pollIntervalMs: 2_000,
      },
    });
    api = await ClusterApi.create(clusters[0]);
  });

  afterAll(async () => {
    if (!runtime) return;
    // Leave nothing behind, whatever failed.
    for (const name of [SOURCE, CLONE]) {
      await runtime.destroy(environment(name), context()).catch(() => {});
    }
  });

  const deployment = (env: string, name: string) =>
    api.read({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name,
      namespace: `gr-${env}`,
    }) as Promise<any>;

  it('applies, stops, starts, clones and destroys', async () => {
    const applied = await runtime.apply(environment(SOURCE), context());
    expect(applied.services.map(s => [s.name, s.phase])).toEqual([
      ['web', 'running'],
      ['api', 'running'],
      ['cache', 'running'],
    ]);
    const again = await runtime.plan(environment(SOURCE));
    expect(again.changes.filter(c => c.action !== 'unchanged')).toEqual([]);

    await runtime.stop(environment(SOURCE), context());
    await runtime.stop(environment(SOURCE), context());
    const stopped = await deployment(SOURCE, 'web');
    expect(stopped.spec.replicas).toBe(0);
    expect(stopped.metadata.annotations['greenroom.dev/replicas']).toBe('2');

    await runtime.start(environment(SOURCE), context());
    expect((await deployment(SOURCE, 'web')).spec.replicas).toBe(2);
    const observed = await runtime.observe(environment(SOURCE));
    expect(observed.services.every(s => s.phase === 'running')).toBe(true);

    await runtime.apply(environment(CLONE), context());
    const cloneConfig: any = await api.read({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: 'web',
      namespace: `gr-${CLONE}`,
    });
    expect(cloneConfig.data.CACHE_URL).toBe(`redis://cache-${CLONE}:6379`);

    const managed = await runtime.listManaged();
    expect(managed.map(m => m.environmentName)).toEqual(
      expect.arrayContaining([SOURCE, CLONE]),
    );

    await runtime.destroy(environment(SOURCE), context());
    await runtime.destroy(environment(CLONE), context());
    expect(
      await api.read({
        apiVersion: 'v1',
        kind: 'Namespace',
        name: `gr-${SOURCE}`,
      }),
    ).toBeUndefined();
    expect(
      await api.read({
        apiVersion: 'v1',
        kind: 'Namespace',
        name: `gr-${CLONE}`,
      }),
    ).toBeUndefined();
    const after = await runtime.listManaged();
    expect(after.map(m => m.environmentName)).not.toContain(SOURCE);
  });
});
