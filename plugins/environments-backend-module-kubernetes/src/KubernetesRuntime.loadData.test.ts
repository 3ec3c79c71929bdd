import { dataRulesSchema } from '@greenroom/plugin-environments-common';
import {
  postgresDumpScript,
  postgresRestoreScript,
} from '@greenroom/plugin-environments-data-node';
import type { DataLoad } from '@greenroom/plugin-environments-node';
import {
  dataContext,
  dataJobsIn,
  envOf,
  report,
  secretData,
  startedJobIn,
  until,
} from './__testUtils__/dataLoadHarness';
import {
  INSTALLATION,
  context,
  eachTestOnADouble,
  makeRuntime,
} from './__testUtils__/runtimeHarness';
import type { KubernetesRuntime } from './KubernetesRuntime';
import { resolvedEnvironment } from './testing/environments';
import type { KubernetesApiDouble } from './testing/KubernetesApiDouble';

const SOURCE_PASSWORD = 'source-password-canary-91c2';
const TARGET_PASSWORD = 'target-password-canary-4d7e';
const TRANSFORM_KEY = 'transform-key-canary-0b5f';
const NAMESPACE = 'gr-clone';

const db = (version: string) => ({
  name: 'db',
  kind: 'database',
  database: { engine: 'postgresql', version },
});
const staging = (target?: string) =>
  resolvedEnvironment({
    name: 'staging',
    services: [db('15')],
    databaseCredentials: { db: { password: SOURCE_PASSWORD } },
    target,
  });
const clone = () =>
  resolvedEnvironment({
    name: 'clone',
    services: [db('16')],
    databaseCredentials: { db: { password: TARGET_PASSWORD } },
  });

const RULES = dataRulesSchema.parse({
  sensitive: ['users.email'],
  rules: [{ column: 'users.email', transform: 'email' }],
  subset: [{ table: 'orders', limit: 100 }],
});
const copy = (extra: Partial<DataLoad> = {}): DataLoad => ({
  service: 'db',
  engine: 'postgresql',
  action: 'copy',
  rules: RULES,
  source: staging(),
  transformKey: TRANSFORM_KEY,
  ...extra,
});
const seed = (value: NonNullable<DataLoad['seed']>): DataLoad => ({
  service: 'db',
  engine: 'postgresql',
  action: 'seed',
  seed: value,
  transformKey: TRANSFORM_KEY,
});

describe('KubernetesRuntime.loadData', () => {
  let double: KubernetesApiDouble;
  let runtime: KubernetesRuntime;
  eachTestOnADouble(fresh => ({ double, runtime } = fresh));

  beforeEach(async () => {
    double.holdJobs = true;
    await runtime.apply(clone(), context());
  });

  const dataJobs = () => dataJobsIn(double, NAMESPACE);
  const startedJob = () => startedJobIn(double, NAMESPACE);
  const jobWrites = () =>
    double.requests.filter(
      r => /\/jobs/.test(r.path) && ['POST', 'PATCH'].includes(r.method),
    ).length;

  it('says which engines it loads, so the plan refuses others', () => {
    expect(runtime.dataEngines).toEqual(['postgresql', 'mysql']);
  });

  it('copies through one Job of stock images: FIFOs between dump, transformer and restore, passwords and key by reference only', async () => {
    const loading = runtime.loadData(clone(), copy(), dataContext());
    const job = await startedJob();
    const name = job.metadata.name;
    expect(name).toMatch(/^gr-data-db-[0-9a-f]{10}$/);
    expect(job.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'greenroom',
      'greenroom.dev/installation': INSTALLATION,
      'greenroom.dev/environment': 'clone',
      'greenroom.dev/environment-id': 'id-clone',
      'greenroom.dev/service': 'db',
      'greenroom.dev/data-load': 'copy',
    });
    expect(job.spec).toMatchObject({
      backoffLimit: 0,
      activeDeadlineSeconds: 7200,
      ttlSecondsAfterFinished: 3600,
    });
    const pod = job.spec.template.spec;
    expect(job.spec.template.metadata.labels).toEqual(job.metadata.labels);
    expect(pod).toMatchObject({
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      volumes: [
        { name: 'pipes', emptyDir: {} },
        { name: 'files', configMap: { name } },
      ],
    });
    expect(
      pod.initContainers.map((c: any) => [c.name, c.image, c.command]),
    ).toEqual([
      [
        'wait-for-target',
        'postgres:16-alpine',
        ['sh', '-c', 'until pg_isready -q; do sleep 2; done'],
      ],
      [
        'pipes',
        'postgres:16-alpine',
        ['mkfifo', '-m', '0666', '/pipes/dump', '/pipes/restore'],
      ],
    ]);
    expect(
      pod.containers.map((c: any) => [c.name, c.image, c.command]),
    ).toEqual([
      [
        'dump',
        'postgres:15-alpine',
        ['sh', '-c', 'sh /greenroom/dump.sh > /pipes/dump'],
      ],
      [
        'transform',
        'node:22-alpine',
        [
          'sh',
          '-c',
          'node /greenroom/transformer.js < /pipes/dump > /pipes/restore',
        ],
      ],
      [
        'restore',
        'postgres:16-alpine',
        ['sh', '-c', 'sh /greenroom/restore.sh < /pipes/restore'],
      ],
    ]);
    for (const c of [...pod.initContainers, ...pod.containers]) {
      expect(c.resources.limits).toEqual({
        cpu: expect.any(String),
        memory: expect.any(String),
      });
    }
    const [dump, transform, restore] = pod.containers;
    const secretRef = (key: string) => ({ secretKeyRef: { name, key } });
    expect(envOf(dump)).toEqual({
      // The source's bare host resolves in its own namespace only.
      PGHOST: 'db-staging.gr-staging.svc.cluster.local',
      PGPORT: '5432',
      PGUSER: 'db',
      PGDATABASE: 'db',
      PGPASSWORD: secretRef('source-password'),
      PGOPTIONS: '-c default_transaction_read_only=on',
    });
    expect(envOf(transform)).toEqual({
      GREENROOM_DATA_RULES: '/greenroom/rules.json',
      GREENROOM_DATA_ENGINE: 'postgresql',
      GREENROOM_DATA_KEY: secretRef('transform-key'),
    });
    expect(envOf(restore)).toEqual({
      PGHOST: 'db-clone',
      PGPORT: '5432',
      PGUSER: 'db',
      PGDATABASE: 'db',
      PGPASSWORD: secretRef('target-password'),
    });

    const files = double.get('ConfigMap', NAMESPACE, name)!;
    expect(files.data).toEqual({
      'dump.sh': postgresDumpScript(RULES),
      'restore.sh': postgresRestoreScript(),
      'transformer.js': expect.any(String),
      'rules.json': JSON.stringify(RULES),
    });
    const secret = double.get('Secret', NAMESPACE, name)!;
    expect(secretData(secret)).toEqual({
      'source-password': SOURCE_PASSWORD,
      'target-password': TARGET_PASSWORD,
      'transform-key': TRANSFORM_KEY,
    });
    // They go with the Job.
    for (const owned of [files, secret]) {
      expect(owned.metadata.ownerReferences).toEqual([
        { apiVersion: 'batch/v1', kind: 'Job', name, uid: job.metadata.uid },
      ]);
    }
    const visible = JSON.stringify([
      job,
      files,
      double.jobPod(NAMESPACE, name),
    ]);
    for (const value of [SOURCE_PASSWORD, TARGET_PASSWORD, TRANSFORM_KEY]) {
      expect(visible).not.toContain(value);
    }
    double.completeJob(NAMESPACE, name);
    await loading;
  });

  it("reports the transformer's progress and returns its final counts, then removes the Job with its ConfigMap and Secret", async () => {
    const ctx = dataContext();
    const loading = runtime.loadData(clone(), copy(), ctx);
    const { name } = (await startedJob()).metadata;
    double.writeJobLog(
      NAMESPACE,
      name,
      'transform',
      report({ type: 'progress', table: 'public.users', rows: 500 }),
    );
    await until(() => ctx.reported.length > 0);
    double.writeJobLog(
      NAMESPACE,
      name,
      'transform',
      [
        report({ type: 'progress', table: 'public.users', rows: 600 }),
        report({ type: 'progress', table: 'public.orders', rows: 610 }),
        report({
          type: 'done',
          rows: 620,
          tables: [
            { table: 'public.orders', rows: 20 },
            { table: 'public.users', rows: 600 },
          ],
        }),
      ].join('\n'),
    );
    double.completeJob(NAMESPACE, name);

    await expect(loading).resolves.toEqual({
      rows: 620,
      tables: [
        { table: 'public.orders', rows: 20 },
        { table: 'public.users', rows: 600 },
      ],
    });
    expect(ctx.reported[0]).toEqual({ rows: 500, table: 'public.users' });
    expect(ctx.reported.at(-1)).toEqual({ rows: 620 });
    expect(double.get('Job', NAMESPACE, name)).toBeUndefined();
    expect(double.get('ConfigMap', NAMESPACE, name)).toBeUndefined();
    expect(double.get('Secret', NAMESPACE, name)).toBeUndefined();
    expect(ctx.keys).toEqual(['data/db']);
  });

  it("fails saying the database was left empty, quoting the failing container's log without secrets", async () => {
    const loading = runtime.loadData(clone(), copy(), dataContext());
    const { name } = (await startedJob()).metadata;
    double.writeJobLog(
      NAMESPACE,
      name,
      'restore',
      [
        'SET',
        `psql: error: connection to server at "db-clone" failed: FATAL:  password authentication failed for user "db" (tried ${TARGET_PASSWORD})`,
      ].join('\n'),
    );
    double.failJob(NAMESPACE, name, { container: 'restore', exitCode: 2 });

    const error: Error = await loading.catch(e => e);
    expect(error.name).toBe('RuntimeError');
    expect(error.message).toContain(
      'Copy of db from staging failed: its Job failed (BackoffLimitExceeded); the database was left empty. restore exited with code 2: SET / psql: error: connection to server at "db-clone" failed: FATAL:  password authentication failed for user "db" (tried ***)',
    );
    expect(error.message).not.toContain(TARGET_PASSWORD);
    // Kept for its logs until the next attempt starts over.
    expect(double.get('Job', NAMESPACE, name)).toBeDefined();
  });

  it('says when the Job ran out of time', async () => {
    const loading = runtime.loadData(clone(), copy(), dataContext());
    const { name } = (await startedJob()).metadata;
    double.failJob(NAMESPACE, name, {
      container: 'dump',
      exitCode: 137,
      reason: 'DeadlineExceeded',
    });
    await expect(loading).rejects.toThrow(
      'Copy of db from staging failed: did not finish within 120m (DeadlineExceeded); the database was left empty. dump exited with code 137',
    );
  });

  it('stops waiting when the operation is aborted, leaving the Job running for the next attempt', async () => {
    const controller = new AbortController();
    const loading = runtime.loadData(
      clone(),
      copy(),
      dataContext(controller.signal),
    );
    const { name } = (await startedJob()).metadata;
    controller.abort(new Error('backend shutting down'));
    await expect(loading).rejects.toThrow('backend shutting down');
    expect(double.get('Job', NAMESPACE, name)?.status.active).toBe(1);
  });

  it('a resumed attempt waits for the Job already running instead of starting another', async () => {
    const first = new AbortController();
    const interrupted = runtime.loadData(
      clone(),
      copy(),
      dataContext(first.signal),
    );
    const job = await startedJob();
    first.abort(new Error('backend shutting down'));
    await interrupted.catch(() => undefined);

    const writes = jobWrites();
    const seen = double.requests.length;
    const resumed = runtime.loadData(clone(), copy(), dataContext());
    // Waiting: it looks for the running Job's pod.
    await until(() =>
      double.requests
        .slice(seen)
        .some(
          r => r.path.endsWith('/pods') && r.query.includes(job.metadata.uid),
        ),
    );
    double.writeJobLog(
      NAMESPACE,
      job.metadata.name,
      'transform',
      report({
        type: 'done',
        rows: 3,
        tables: [{ table: 'public.t', rows: 3 }],
      }),
    );
    double.completeJob(NAMESPACE, job.metadata.name);
    await expect(resumed).resolves.toEqual({
      rows: 3,
      tables: [{ table: 'public.t', rows: 3 }],
    });
    expect(jobWrites()).toBe(writes);
  });

  it('starts over when an earlier attempt of the operation failed', async () => {
    const failed = runtime.loadData(clone(), copy(), dataContext());
    const first = await startedJob();
    double.failJob(NAMESPACE, first.metadata.name, { container: 'dump' });
    await failed.catch(() => undefined);

    const again = runtime.loadData(clone(), copy(), dataContext());
    const second = await until(() =>
      dataJobs().find(j => j.metadata.uid !== first.metadata.uid),
    );
    expect(second.metadata.name).toBe(first.metadata.name);
    expect(dataJobs()).toHaveLength(1);
    double.completeJob(NAMESPACE, second.metadata.name);
    await expect(again).resolves.toEqual({ rows: 0, tables: [] });
  });

  it('a new operation (another transform key) runs its own Job', async () => {
    const loading = runtime.loadData(clone(), copy(), dataContext());
    const first = await startedJob();
    const other = runtime.loadData(
      clone(),
      copy({ transformKey: 'another-key' }),
      dataContext(),
    );
    await until(() => (dataJobs().length === 2 ? true : undefined));
    for (const job of dataJobs())
      double.completeJob(NAMESPACE, job.metadata.name);
    await Promise.all([loading, other]);
    expect(first.metadata.name).not.toContain(TRANSFORM_KEY);
  });

  it('leaves a running load out of plans and pruning', async () => {
    const loading = runtime.loadData(clone(), copy(), dataContext());
    const { name } = (await startedJob()).metadata;
    const plan = await runtime.plan(clone());
    expect(plan.changes.filter(c => c.action !== 'unchanged')).toEqual([]);
    await runtime.apply(clone(), context());
    expect(double.get('Job', NAMESPACE, name)).toBeDefined();
    expect(double.get('Secret', NAMESPACE, name)).toBeDefined();
    const observed = await runtime.observe(clone());
    expect(observed.drift).toEqual([]);
    double.completeJob(NAMESPACE, name);
    await loading;
  });

  it('seeds from SQL with the engine client in one transaction', async () => {
    const ctx = dataContext();
    const loading = runtime.loadData(
      clone(),
      seed({ sql: 'insert into users values (1);' }),
      ctx,
    );
    const job = await startedJob();
    const { name } = job.metadata;
    expect(job.metadata.labels['greenroom.dev/data-load']).toBe('seed');
    const pod = job.spec.template.spec;
    expect(pod.initContainers.map((c: any) => c.name)).toEqual([
      'wait-for-target',
    ]);
    expect(pod.containers).toHaveLength(1);
    expect(pod.containers[0]).toMatchObject({
      name: 'seed',
      image: 'postgres:16-alpine',
      command: [
        'psql',
        '-v',
        'ON_ERROR_STOP=1',
        '--single-transaction',
        '-f',
        '/seed/seed.sql',
      ],
      volumeMounts: [{ name: 'seed', mountPath: '/seed', readOnly: true }],
    });
    expect(envOf(pod.containers[0])).toEqual({
      PGHOST: 'db-clone',
      PGPORT: '5432',
      PGUSER: 'db',
      PGDATABASE: 'db',
      PGPASSWORD: { secretKeyRef: { name, key: 'target-password' } },
    });
    expect(double.get('ConfigMap', NAMESPACE, name)!.data).toEqual({
      'seed.sql': 'insert into users values (1);',
    });
    expect(JSON.stringify(job)).not.toContain(TARGET_PASSWORD);
    double.completeJob(NAMESPACE, name);
    await expect(loading).resolves.toEqual({ rows: 0, tables: [] });
  });

  it("seeds with the seed's own image, DATABASE_URL taking the password by reference", async () => {
    const loading = runtime.loadData(
      clone(),
      seed({ image: 'ghcr.io/acme/seed:1', command: ['npm', 'run', 'seed'] }),
      dataContext(),
    );
    const job = await startedJob();
    const { name } = job.metadata;
    const [container] = job.spec.template.spec.containers;
    expect(container).toMatchObject({
      name: 'seed',
      image: 'ghcr.io/acme/seed:1',
      command: ['npm', 'run', 'seed'],
    });
    expect(container.env.map((e: any) => e.name)).toEqual([
      'PGHOST',
      'PGPORT',
      'PGUSER',
      'PGDATABASE',
      'PGPASSWORD',
      // Before DATABASE_URL, which refers to it.
      'GREENROOM_DATABASE_PASSWORD',
      'DATABASE_URL',
    ]);
    expect(envOf(container)).toMatchObject({
      GREENROOM_DATABASE_PASSWORD: {
        secretKeyRef: { name, key: 'target-password-url' },
      },
      DATABASE_URL:
        'postgresql://db:$(GREENROOM_DATABASE_PASSWORD)@db-clone:5432/db',
    });
    expect(double.get('ConfigMap', NAMESPACE, name)).toBeUndefined();
    expect(JSON.stringify(job)).not.toContain(TARGET_PASSWORD);

    double.writeJobLog(
      NAMESPACE,
      name,
      'seed',
      'Error: relation "users" does not exist',
    );
    double.failJob(NAMESPACE, name, { container: 'seed' });
    await expect(loading).rejects.toThrow(
      'Seed of db failed: its Job failed (BackoffLimitExceeded); the database keeps what the seed image wrote before it failed. seed exited with code 1: Error: relation "users" does not exist',
    );
  });

  it('refuses engines it has no images and scripts for, and sources in another cluster, creating nothing', async () => {
    await expect(
      runtime.loadData(clone(), { ...copy(), engine: 'redis' }, dataContext()),
    ).rejects.toThrow(
      'db: the kubernetes runtime cannot load data into a redis database yet; it can into postgresql, mysql',
    );

    const twoClusters = makeRuntime([
      { name: 'double', double },
      { name: 'other', double },
    ]);
    await expect(
      twoClusters.loadData(
        clone(),
        copy({ source: staging('other') }),
        dataContext(),
      ),
    ).rejects.toThrow(
      'db: the database of staging (db-staging) is not reachable from this cluster',
    );
    expect(dataJobs()).toEqual([]);
  });
});
