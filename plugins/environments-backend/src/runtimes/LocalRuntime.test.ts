import { mockServices } from '@backstage/backend-test-utils';
import { LocalRuntime } from './LocalRuntime';
import { RuntimeRegistry } from './RuntimeRegistry';

const env = (desiredState: 'running' | 'stopped' = 'running') =>
  ({
    environment: {
      name: 'dev-ada',
      desiredState,
      services: [
        {
          name: 'orders-api',
          kind: 'application',
          replicas: 2,
          image: { repository: 'ghcr.io/acme/orders', tag: '2.1.0' },
          ports: [{ port: 8080, public: true }, { port: 9090 }],
          resources: { cpu: '500m', memory: '512Mi', storage: '5Gi' },
        },
        {
          name: 'orders-db',
          kind: 'database',
          replicas: 1,
          ports: [],
          resources: { cpu: '250m', memory: '1Gi' },
          database: { engine: 'postgresql', mode: 'container', storageGb: 2 },
        },
      ],
    },
    variables: { environment: [], services: {} },
  } as any);

const ctx = (signal = new AbortController().signal) => ({
  signal,
  logger: mockServices.logger.mock(),
  checkpoint: async (_key: string, fn: () => Promise<any>) => fn(),
});

describe('LocalRuntime', () => {
  const runtime = new LocalRuntime({
    logger: mockServices.logger.mock(),
    delayMs: 5,
  });

  it('plans a simulated object per service', async () => {
    const plan = await runtime.plan(env());
    expect(plan.runtime).toBe('local');
    expect(plan.changes.map(c => c.resource)).toEqual([
      'simulated/orders-api',
      'simulated/orders-db',
    ]);
  });

  it('reports every service running with its replicas after apply', async () => {
    const state = await runtime.apply(env(), ctx());
    expect(state.services).toEqual([
      {
        name: 'orders-api',
        phase: 'running',
        urls: [],
        internalUrls: ['http://orders-api:8080', 'http://orders-api:9090'],
        image: 'ghcr.io/acme/orders:2.1.0',
        replicas: { desired: 2, ready: 2 },
        // As on Kubernetes: no volume for an application.
        provisioned: { replicas: 2, cpuCores: 1, memoryGb: 1, storageGb: 0 },
      },
      {
        name: 'orders-db',
        phase: 'running',
        urls: [],
        internalUrls: [],
        replicas: { desired: 1, ready: 1 },
        provisioned: {
          replicas: 1,
          cpuCores: 0.25,
          memoryGb: 1,
          storageGb: 2,
        },
      },
    ]);
  });

  it('simulates what Kubernetes keeps of a stopped environment: the database volumes', async () => {
    const stopped = await runtime.observe(env('stopped'));
    expect(stopped.services.map(s => s.provisioned)).toEqual([
      { replicas: 0, cpuCores: 0, memoryGb: 0, storageGb: 0 },
      { replicas: 0, cpuCores: 0, memoryGb: 0, storageGb: 2 },
    ]);
  });

  it('gives services with a public port a URL where the backend serves their page', async () => {
    const served = new LocalRuntime({
      logger: mockServices.logger.mock(),
      delayMs: 5,
      servicesBaseUrl: 'http://localhost:7007/api/environments/local-services/',
    });
    const state = await served.observe(env('stopped'));
    expect(state.services.map(s => s.urls)).toEqual([
      [
        'http://localhost:7007/api/environments/local-services/dev-ada/orders-api/',
      ],
      [],
    ]);
  });

  it('derives what it observes from the desired state, so it survives restarts', async () => {
    const stopped = await runtime.observe(env('stopped'));
    expect(stopped.services.map(s => s.phase)).toEqual(['stopped', 'stopped']);
  });

  it('stops simulating when the operation is aborted', async () => {
    const slow = new LocalRuntime({
      logger: mockServices.logger.mock(),
      delayMs: 60_000,
    });
    const controller = new AbortController();
    const applying = slow.apply(env(), ctx(controller.signal));
    controller.abort(new Error('shutting down'));
    await expect(applying).rejects.toThrow('shutting down');
  });
});

describe('RuntimeRegistry', () => {
  it('refuses a second runtime of a type and names unknown types as input errors', () => {
    const registry = new RuntimeRegistry();
    registry.add(new LocalRuntime({ logger: mockServices.logger.mock() }));
    expect(() =>
      registry.add(new LocalRuntime({ logger: mockServices.logger.mock() })),
    ).toThrow("A runtime of type 'local' is already registered");
    expect(() => registry.get('kubernetes')).toThrow(
      "runtime.type: unknown runtime 'kubernetes'; available: local",
    );
    expect(registry.get('local').type).toBe('local');
  });
});
