// Benchmark 1: clone of a 50-service environment through the real backend
// (environments plugin + kubernetes module, PostgreSQL) against the
// Kubernetes API double with 5 ms latency per request.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { AddressInfo } from 'node:net';
import { fork } from 'node:child_process';
import path from 'node:path';
import { TIER_OF_KIND } from '../plugins/environments-backend-module-kubernetes/src/render/types';
import { TIERS } from '../plugins/environments-backend-module-kubernetes/src/runtime/kinds';
import { DEFAULT_RUNTIME_OPTIONS } from '../plugins/environments-backend-module-kubernetes/src/runtime/options';
import { SECRETS_KEY } from './fixture';
import { saveAndPrint, startProfiler } from './profile';
import { median, postgresUrl, progress, recreateDatabase } from './lib';

export const LATENCY_MS = 5;
/** How often the bench asks whether the operation finished. */
export const POLL_MS = 100;
const SOURCE = 'bench-source';
const CLONE = 'bench-clone';
const CLONES = 3;
const PREFIX = 'greenroom_bench_clone_';

const DATABASES = [
  { name: 'orders-db', engine: 'postgresql', version: '16' },
  { name: 'users-db', engine: 'postgresql', version: '15' },
  { name: 'billing-db', engine: 'mysql', version: '8' },
  { name: 'cache', engine: 'redis', version: '7' },
  { name: 'catalog-db', engine: 'mongodb', version: '7' },
];
const APPS = 44;

/** 5 container databases, 44 applications (some public), 1 migration job: 50 services. */
function bigEnvironment() {
  const apps = Array.from({ length: APPS }, (_, i) => ({
    name: `app-${i}`,
    kind: 'application',
    image: { repository: `ghcr.io/example/app-${i}`, tag: '1.0.0' },
    ports: [{ port: 8080, public: i % 10 === 0 }],
    replicas: 1 + (i % 3),
    variables: [
      {
        key: 'DB_URL',
        kind: 'alias',
        aliasOf: `GR_${DATABASES[i % 5].name
          .toUpperCase()
          .replace(/-/g, '_')}_URL`,
      },
      {
        key: 'NEXT_URL',
        kind: 'value',
        value: `http://app-${(i + 1) % APPS}-${SOURCE}:8080`,
      },
    ],
  }));
  return {
    name: SOURCE,
    system: 'system:default/shop',
    owner: 'group:default/team-shop',
    mode: 'staging',
    services: [
      ...DATABASES.map(db => ({
        name: db.name,
        kind: 'database',
        database: { engine: db.engine, version: db.version, mode: 'container' },
      })),
      ...apps,
      {
        name: 'migrate',
        kind: 'job',
        image: { repository: 'ghcr.io/example/migrate', tag: '1.0.0' },
      },
    ],
    variables: [
      { key: 'DATABASE_URL', kind: 'alias', aliasOf: 'GR_ORDERS_DB_URL' },
      { key: 'STRIPE_KEY', kind: 'secret', value: 'sk_test_bench' },
    ],
  };
}

interface Request {
  method: string;
  path: string;
  query: string;
  at: number;
}

export interface CloneResult {
  wallMs: number;
  walls: number[];
  zeroLatencyMs: number;
  createWallMs: number;
  requests: number;
  byPhase: Record<string, number>;
  /** Sequential request depth with unlimited parallelism, by step. */
  depth: { total: number; parts: string[] };
  /** The same with the runtime's write concurrency. */
  depthAtConcurrency: { total: number; parts: string[] };
  minimumMs: number;
  /** The runtime's default write concurrency, which the bench runs with. */
  concurrency: number;
  minimumAtConcurrencyMs: number;
  rolloutRounds: number;
  steps: Array<{ name: string; ms: number }>;
  objects: Record<string, number>;
}

export interface CloneBenchOptions {
  /** Records CPU profiles of the backend and of the double during the clones into this directory. */
  profileDir?: string;
}

export async function runCloneBench(
  options: CloneBenchOptions = {},
): Promise<CloneResult> {
  for (const plugin of ['environments', 'catalog', 'events', 'notifications']) {
    await recreateDatabase(`${PREFIX}${plugin}`);
  }
  // the double (KubernetesApiDouble) runs in a child process, as an API server would
  const child = fork(path.join(__dirname, 'k8sDouble.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const log: Request[] = [];
  const replies = new Map<number, (message: any) => void>();
  let nextId = 0;
  const ready = new Promise<{ url: string; token: string }>(
    (resolve, reject) => {
      child.once('exit', code =>
        reject(new Error(`the Kubernetes API double exited (${code})`)),
      );
      child.on('message', (message: any) => {
        if (message.type === 'ready') resolve(message);
        else if (message.type === 'request') log.push(message);
        else replies.get(message.id)?.(message);
      });
    },
  );
  const ask = (message: object) =>
    new Promise<any>(resolve => {
      const id = nextId++;
      replies.set(id, resolve);
      child.send({ ...message, id });
    });
  const double = {
    ...(await ready),
    setFaults: (faults: object | undefined) => ask({ type: 'faults', faults }),
    objects: async (namespace: string): Promise<Record<string, number>> =>
      (await ask({ type: 'objects', namespace })).counts,
    startProfiler: () => ask({ type: 'profile-start' }),
    stopProfiler: async () => (await ask({ type: 'profile-stop' })).profile,
    stop: async () => {
      child.send({ type: 'stop' });
      await new Promise(r => child.once('exit', r));
    },
  };
  progress(
    '1: starting a backend (environments + kubernetes module) on PostgreSQL; the K8s API double in its own process, 5 ms latency',
  );
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: 'http://localhost:0',
            database: {
              client: 'pg',
              connection: postgresUrl(),
              prefix: PREFIX,
            },
          },
          environments: {
            secretsKey: SECRETS_KEY,
            defaultRuntime: 'kubernetes',
            // the runtime's defaults (pollInterval, concurrency) are kept
            kubernetes: {
              clusters: [
                {
                  name: 'double',
                  url: double.url,
                  token: double.token,
                  skipTLSVerify: true,
                },
              ],
            },
          },
        },
      }),
      mockServices.database.factory(),
      import('../plugins/environments-backend/src'),
      import('../plugins/environments-backend-module-kubernetes/src'),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const api = `http://127.0.0.1:${port}/api/environments`;
  const headers = {
    authorization: mockCredentials.user.header(),
    'content-type': 'application/json',
  };
  const call = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${api}${route}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok)
      throw new Error(
        `${method} ${route}: ${response.status} ${JSON.stringify(json)}`,
      );
    return json;
  };
  /** Waits for the operation; returns when its last step finished (server clock = our clock). */
  const finished = async (id: string) => {
    for (;;) {
      const op = await call('GET', `/operations/${id}`);
      if (op.status === 'succeeded') return op;
      if (op.status === 'failed' || op.status === 'cancelled') {
        throw new Error(`operation ${op.type} ${op.status}: ${op.error}`);
      }
      // The wall time is the server's finish time, not when a poll sees it:
      // polling more often would only take CPU from the backend under test.
      await new Promise(r => setTimeout(r, POLL_MS));
    }
  };
  /** Each step's time, and the wait before the first: the clone request until the operation was stored, then until its first step started. */
  const stepsOf = (op: any, sentAt: number) =>
    `steps ${op.steps
      .map(
        (st: any) =>
          `${st.name} ${
            Date.parse(st.finishedAt) - Date.parse(st.startedAt)
          } ms`,
      )
      .join(', ')}; queued for ${
      Date.parse(op.steps[0].startedAt) - sentAt
    } ms (request until stored ${Date.parse(op.createdAt) - sentAt} ms, then ${
      Date.parse(op.steps[0].startedAt) - Date.parse(op.createdAt)
    } ms)`;
  const endOf = (op: any) =>
    Math.max(...op.steps.map((s: any) => Date.parse(s.finishedAt)));

  try {
    await double.setFaults({ latencyMs: LATENCY_MS });
    progress(
      '1: creating the 50-service source environment (through the engine, same latency)',
    );
    const t0 = Date.now();
    const created = await call('POST', '/environments', bigEnvironment());
    const createOp = await finished(created.operation.id);
    const createWallMs = endOf(createOp) - t0;
    progress(`1: created in ${createWallMs} ms`);

    // three clones of the same source, each into its own namespace: the median counts
    const walls: number[] = [];
    let requests: Request[] = [];
    let op: any;
    // profiles cover the clones with latency only (both processes, same span)
    let stopBackendProfiler: (() => Promise<any>) | undefined;
    if (options.profileDir) {
      await double.startProfiler();
      stopBackendProfiler = await startProfiler();
    }
    for (let k = 1; k <= CLONES; k++) {
      const name = `${CLONE}-${k}`;
      progress(`1: clone ${k}/${CLONES} (dataPolicy empty)`);
      const first = log.length;
      const t1 = Date.now();
      const accepted = await call('POST', `/environments/${SOURCE}/clone`, {
        name,
        mode: 'development',
        dataPolicy: 'empty',
      });
      op = await finished(accepted.operation.id);
      walls.push(endOf(op) - t1);
      await new Promise(r => setTimeout(r, 200)); // the double's last request reports (IPC)
      // requests of this clone: those into its namespace
      requests = log.slice(first).filter(r => r.path.includes(`gr-${name}`));
      progress(
        `1:   ${walls[walls.length - 1]} ms, ${
          requests.length
        } requests to the API; ${stepsOf(op, t1)}`,
      );
    }
    const wallMs = median(walls);
    if (options.profileDir && stopBackendProfiler) {
      const dir = options.profileDir;
      saveAndPrint(dir, 'clone-backend', await stopBackendProfiler());
      saveAndPrint(dir, 'clone-k8s-double', await double.stopProfiler());
    }
    // the same clone without latency: what the engine and runtime cost by themselves
    await double.setFaults(undefined);
    progress('1: one more clone with no injected latency (overhead reference)');
    const t2 = Date.now();
    const zero = await call('POST', `/environments/${SOURCE}/clone`, {
      name: `${CLONE}-0`,
      mode: 'development',
      dataPolicy: 'empty',
    });
    const zeroOp = await finished(zero.operation.id);
    const zeroLatencyMs = endOf(zeroOp) - t2;
    progress(
      `1:   ${zeroLatencyMs} ms without latency; ${stepsOf(zeroOp, t2)}`,
    );
    const lastClone = `gr-${CLONE}-${CLONES}`;
    const phase = (r: Request) => {
      if (/\/namespaces\/gr-[^/]+$/.test(r.path))
        return `${r.method} namespace`;
      const named = /\/namespaces\/[^/]+\/[^/]+\/[^/]+$/.test(r.path);
      const kind = r.path.split('/').slice(named ? -2 : -1)[0];
      return `${r.method} ${kind}${named ? '' : ' (list)'}`;
    };
    if (process.env.BENCH_TRACE) {
      for (const r of requests)
        process.stderr.write(
          `${(r.at - requests[0].at).toFixed(1)} ${phase(r)} ${r.query}\n`,
        );
    }
    const byPhase: Record<string, number> = {};
    for (const r of requests) byPhase[phase(r)] = (byPhase[phase(r)] ?? 0) + 1;

    // the objects the runtime wrote, per tier (from the double's state)
    const objects = await double.objects(lastClone);
    // After the writes, apply lists each owned kind once (prune, the rollout's
    // first check and its observation) and the observe step records that
    // observation: Deployment lists beyond that one are more rollout rounds.
    const rolloutRounds = (byPhase['GET deployments (list)'] ?? 0) - 1;
    // Each written object's requests (read, apply, …), from what the double
    // saw; its tier is the renderer's (TIER_OF_KIND), so the counting follows
    // whatever objects the runtime writes.
    const KIND_OF_PLURAL: Record<string, string> = {
      configmaps: 'ConfigMap',
      secrets: 'Secret',
      services: 'Service',
      statefulsets: 'StatefulSet',
      deployments: 'Deployment',
      jobs: 'Job',
      ingresses: 'Ingress',
    };
    const perObject = new Map<string, { kind: string; requests: number }>();
    let namespaceRequests = 0;
    for (const r of requests) {
      if (/\/namespaces\/gr-[^/]+$/.test(r.path)) {
        // apply's own (before any object); the observe step's read of the
        // namespace goes in parallel with its lists
        if (perObject.size === 0) namespaceRequests++;
        continue;
      }
      const named = /\/namespaces\/[^/]+\/([^/]+)\/([^/]+)$/.exec(r.path);
      const kind = named && KIND_OF_PLURAL[named[1]];
      if (!kind) continue; // lists, and pods' reads
      const key = `${kind}/${named![2]}`;
      const entry = perObject.get(key) ?? { kind, requests: 0 };
      entry.requests++;
      perObject.set(key, entry);
    }
    const perTier: Record<
      string,
      { objects: number; requests: number; longest: number }
    > = {};
    for (const tier of TIERS) {
      perTier[tier] = { objects: 0, requests: 0, longest: 0 };
    }
    for (const { kind, requests: n } of perObject.values()) {
      const t = perTier[TIER_OF_KIND[kind]];
      t.objects++;
      t.requests += n;
      t.longest = Math.max(t.longest, n);
    }
    const c = DEFAULT_RUNTIME_OPTIONS.concurrency;
    const first = `namespace read + apply: ${namespaceRequests}`;
    const parts = [first];
    const partsC = [first];
    let depth = namespaceRequests;
    let depthC = namespaceRequests;
    for (const tier of TIERS) {
      const { objects: n, requests: r, longest } = perTier[tier];
      if (n === 0) continue;
      depth += longest;
      parts.push(
        `${tier} (${n} objects, ${r} requests, in parallel; at most ${longest} one after another for one object): ${longest}`,
      );
      // c requests at a time, and never fewer rounds than one object needs
      const rounds = Math.max(longest, Math.ceil(r / c));
      depthC += rounds;
      partsC.push(
        `${tier} (${n} objects, ${r} requests, ${c} at a time): ${rounds}`,
      );
    }
    const tail = [
      `closing listing (owned kinds and pods listed in parallel, serving prune, the rollout check and the observation that the observe step records; the double rolls out at once, so no further rollout round is needed; ${rolloutRounds} observed): 1`,
    ];
    depth += 1;
    depthC += 1;
    parts.push(...tail);
    partsC.push(...tail);

    const steps = op.steps.map((s: any) => ({
      name: s.name,
      ms: Date.parse(s.finishedAt) - Date.parse(s.startedAt),
    }));
    progress(
      `1: clone median ${wallMs} ms; ${
        requests.length
      } requests; critical path ${depth} sequential requests = ${
        depth * LATENCY_MS
      } ms`,
    );
    return {
      wallMs,
      walls,
      zeroLatencyMs,
      createWallMs,
      requests: requests.length,
      byPhase,
      depth: { total: depth, parts },
      depthAtConcurrency: { total: depthC, parts: partsC },
      minimumMs: depth * LATENCY_MS,
      concurrency: c,
      minimumAtConcurrencyMs: depthC * LATENCY_MS,
      rolloutRounds,
      steps,
      objects,
    };
  } finally {
    await backend.stop();
    await double.stop();
  }
}
