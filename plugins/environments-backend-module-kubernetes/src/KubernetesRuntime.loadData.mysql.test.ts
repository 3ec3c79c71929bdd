import { dataRulesSchema } from '@greenroom/plugin-environments-common';
import {
  DATA_TRANSFORMER_SCRIPT,
  mysqlConnectionEnv,
  mysqlDumpScript,
  mysqlRestoreScript,
} from '@greenroom/plugin-environments-data-node';
import type { DataLoad } from '@greenroom/plugin-environments-node';
import {
  dataContext,
  envOf,
  report,
  secretData,
  startedJobIn,
  until,
} from './__testUtils__/dataLoadHarness';
import {
  context,
  eachTestOnADouble,
  makeRuntime,
} from './__testUtils__/runtimeHarness';
import type { KubernetesRuntime } from './KubernetesRuntime';
import { DEFAULT_RUNTIME_OPTIONS } from './runtime/options';
import { resolvedEnvironment } from './testing/environments';
import type { KubernetesApiDouble } from './testing/KubernetesApiDouble';

const SOURCE_PASSWORD = 'source-password-canary-5e19';
const TARGET_PASSWORD = 'target-password-canary-a83c';
const TRANSFORM_KEY = 'transform-key-canary-77d0';
const NAMESPACE = 'gr-clone';

const db = (version: string) => ({
  name: 'db',
  kind: 'database',
  database: { engine: 'mysql', version },
});
const staging = () =>
  resolvedEnvironment({
    name: 'staging',
    services: [db('8.0')],
    databaseCredentials: {
      db: { password: SOURCE_PASSWORD, username: 'reader', database: 'shop' },
    },
  });
const clone = (password: string | undefined = TARGET_PASSWORD) =>
  resolvedEnvironment({
    name: 'clone',
    services: [db('8.4')],
    databaseCredentials: {
      db: { username: 'app', database: 'shop_clone', password },
    },
  });

const RULES = dataRulesSchema.parse({
  sensitive: ['users.email'],
  rules: [{ column: 'users.email', transform: 'email' }],
  subset: [{ table: 'orders', where: 'created_at > NOW() - INTERVAL 30 DAY' }],
});
const copy = (): DataLoad => ({
  service: 'db',
  engine: 'mysql',
  action: 'copy',
  rules: RULES,
  source: staging(),
  transformKey: TRANSFORM_KEY,
});
const seed = (value: NonNullable<DataLoad['seed']>): DataLoad => ({
  service: 'db',
  engine: 'mysql',
  action: 'seed',
  seed: value,
  transformKey: TRANSFORM_KEY,
});

/** The connection variables the data package's MySQL scripts read, in their order. */
const MYSQL_VARIABLES = Object.keys(
  mysqlConnectionEnv({
    host: '',
    port: 0,
    user: '',
    password: '',
    database: '',
  }),
);

describe('KubernetesRuntime.loadData into MySQL', () => {
  let double: KubernetesApiDouble;
  let runtime: KubernetesRuntime;
  eachTestOnADouble(fresh => ({ double, runtime } = fresh));

  beforeEach(async () => {
    double.holdJobs = true;
    await runtime.apply(clone(), context());
  });

  const startedJob = () => startedJobIn(double, NAMESPACE);

  it('copies through one Job of the official mysql images, the scripts reading their MYSQL_* variables, passwords and key by reference only', async () => {
    const loading = runtime.loadData(clone(), copy(), dataContext());
    const job = await startedJob();
    const { name } = job.metadata;
    const pod = job.spec.template.spec;
    expect(
      pod.initContainers.map((c: any) => [c.name, c.image, c.command]),
    ).toEqual([
      [
        'wait-for-target',
        'mysql:8.4',
        [
          'sh',
          '-c',
          'until mysqladmin --no-defaults --host="$MYSQL_HOST" --port="$MYSQL_PORT" --user="$MYSQL_USER" --connect-timeout=5 --silent ping; do sleep 2; done',
        ],
      ],
      [
        'pipes',
        'mysql:8.4',
        ['mkfifo', '-m', '0666', '/pipes/dump', '/pipes/restore'],
      ],
    ]);
    expect(
      pod.containers.map((c: any) => [c.name, c.image, c.command]),
    ).toEqual([
      [
        'dump',
        // The source's version: mysqldump as new as its server.
        'mysql:8.0',
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
        'mysql:8.4',
        ['sh', '-c', 'sh /greenroom/restore.sh < /pipes/restore'],
      ],
    ]);

    const [wait] = pod.initContainers;
    const [dump, transform, restore] = pod.containers;
    const secretRef = (key: string) => ({ secretKeyRef: { name, key } });
    for (const c of [wait, dump, restore]) {
      expect(c.env.map((e: any) => e.name)).toEqual(MYSQL_VARIABLES);
    }
    expect(envOf(dump)).toEqual({
      // The source's bare host resolves in its own namespace only.
      MYSQL_HOST: 'db-staging.gr-staging.svc.cluster.local',
      MYSQL_PORT: '3306',
      MYSQL_USER: 'reader',
      MYSQL_PASSWORD: secretRef('source-password'),
      MYSQL_DATABASE: 'shop',
    });
    expect(envOf(restore)).toEqual({
      MYSQL_HOST: 'db-clone',
      MYSQL_PORT: '3306',
      MYSQL_USER: 'app',
      MYSQL_PASSWORD: secretRef('target-password'),
      MYSQL_DATABASE: 'shop_clone',
    });
    // A ping needs no password.
    expect(envOf(wait).MYSQL_PASSWORD).toBe('');
    // Rules without a database name mean the source's tables.
    expect(envOf(transform)).toEqual({
      GREENROOM_DATA_RULES: '/greenroom/rules.json',
      GREENROOM_DATA_ENGINE: 'mysql',
      GREENROOM_SOURCE_DATABASE: 'shop',
      GREENROOM_DATA_KEY: secretRef('transform-key'),
    });

    const files = double.get('ConfigMap', NAMESPACE, name)!;
    expect(files.data).toEqual({
      'dump.sh': mysqlDumpScript(RULES),
      'restore.sh': mysqlRestoreScript(),
      'transformer.js': DATA_TRANSFORMER_SCRIPT,
      'rules.json': JSON.stringify(RULES),
    });
    const secret = double.get('Secret', NAMESPACE, name)!;
    expect(secretData(secret)).toEqual({
      'source-password': SOURCE_PASSWORD,
      'target-password': TARGET_PASSWORD,
      'transform-key': TRANSFORM_KEY,
    });
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

  it('takes the client image from the configuration', async () => {
    const mirrored = makeRuntime([{ name: 'double', double }], {
      data: {
        ...DEFAULT_RUNTIME_OPTIONS.data,
        images: { mysql: 'mirror.example.com/mysql:{version}-oracle' },
      },
    });
    const loading = mirrored.loadData(clone(), copy(), dataContext());
    const job = await startedJob();
    const pod = job.spec.template.spec;
    expect(
      [...pod.initContainers, ...pod.containers].map((c: any) => c.image),
    ).toEqual([
      'mirror.example.com/mysql:8.4-oracle',
      'mirror.example.com/mysql:8.4-oracle',
      'mirror.example.com/mysql:8.0-oracle',
      'node:22-alpine',
      'mirror.example.com/mysql:8.4-oracle',
    ]);
    double.completeJob(NAMESPACE, job.metadata.name);
    await loading;
  });

  it("reports the transformer's progress and returns its final counts", async () => {
    const ctx = dataContext();
    const loading = runtime.loadData(clone(), copy(), ctx);
    const { name } = (await startedJob()).metadata;
    double.writeJobLog(
      NAMESPACE,
      name,
      'transform',
      report({ type: 'progress', table: 'shop.orders', rows: 1000 }),
    );
    await until(() => ctx.reported.length > 0);
    double.writeJobLog(
      NAMESPACE,
      name,
      'transform',
      report({
        type: 'done',
        rows: 1250,
        tables: [
          { table: 'shop.orders', rows: 1200 },
          { table: 'shop.users', rows: 50 },
        ],
      }),
    );
    double.completeJob(NAMESPACE, name);

    await expect(loading).resolves.toEqual({
      rows: 1250,
      tables: [
        { table: 'shop.orders', rows: 1200 },
        { table: 'shop.users', rows: 50 },
      ],
    });
    expect(ctx.reported[0]).toEqual({ rows: 1000, table: 'shop.orders' });
    expect(double.get('Job', NAMESPACE, name)).toBeUndefined();
    expect(double.get('Secret', NAMESPACE, name)).toBeUndefined();
  });

  it("fails saying what MySQL keeps of a failed copy, quoting the failing container's log without secrets", async () => {
    const loading = runtime.loadData(clone(), copy(), dataContext());
    const { name } = (await startedJob()).metadata;
    double.writeJobLog(
      NAMESPACE,
      name,
      'restore',
      `ERROR 1045 (28000): Access denied for user 'app'@'10.0.0.7' (using password: ${TARGET_PASSWORD})`,
    );
    double.failJob(NAMESPACE, name, { container: 'restore', exitCode: 1 });

    const error: Error = await loading.catch(e => e);
    expect(error.name).toBe('RuntimeError');
    expect(error.message).toBe(
      "Copy of db from staging failed: its Job failed (BackoffLimitExceeded); the database was left without rows (the tables created before the failure stay until a new attempt replaces them). restore exited with code 1: ERROR 1045 (28000): Access denied for user 'app'@'10.0.0.7' (using password: ***)",
    );
  });

  it('seeds from SQL through the restore script, with autocommit off, and says what a failure keeps', async () => {
    const sql =
      "CREATE TABLE plans (name TEXT);\nINSERT INTO plans VALUES ('free');";
    const loading = runtime.loadData(clone(), seed({ sql }), dataContext());
    const job = await startedJob();
    const { name } = job.metadata;
    const pod = job.spec.template.spec;
    expect(pod.initContainers.map((c: any) => c.name)).toEqual([
      'wait-for-target',
    ]);
    expect(pod.containers).toHaveLength(1);
    expect(pod.containers[0]).toMatchObject({
      name: 'seed',
      image: 'mysql:8.4',
      command: [
        'sh',
        '-c',
        "{ echo 'SET autocommit=0;'; cat /seed/seed.sql; printf '\\nCOMMIT;\\n'; } | sh /seed/restore.sh",
      ],
      volumeMounts: [{ name: 'seed', mountPath: '/seed', readOnly: true }],
    });
    expect(envOf(pod.containers[0])).toEqual({
      MYSQL_HOST: 'db-clone',
      MYSQL_PORT: '3306',
      MYSQL_USER: 'app',
      MYSQL_PASSWORD: { secretKeyRef: { name, key: 'target-password' } },
      MYSQL_DATABASE: 'shop_clone',
    });
    expect(double.get('ConfigMap', NAMESPACE, name)!.data).toEqual({
      'seed.sql': sql,
      'restore.sh': mysqlRestoreScript(),
    });
    expect(JSON.stringify(job)).not.toContain(TARGET_PASSWORD);

    double.writeJobLog(
      NAMESPACE,
      name,
      'seed',
      "ERROR 1146 (42S02) at line 3: Table 'shop_clone.plan' doesn't exist",
    );
    double.failJob(NAMESPACE, name, { container: 'seed' });
    await expect(loading).rejects.toThrow(
      "Seed of db failed: its Job failed (BackoffLimitExceeded); the rows since its last schema change were rolled back (the tables it created stay until a new attempt replaces them). seed exited with code 1: ERROR 1146 (42S02) at line 3: Table 'shop_clone.plan' doesn't exist",
    );
  });

  it("seeds with the seed's own image, DATABASE_URL a mysql:// URL taking the password by reference", async () => {
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
      ...MYSQL_VARIABLES,
      // Before DATABASE_URL, which refers to it.
      'GREENROOM_DATABASE_PASSWORD',
      'DATABASE_URL',
    ]);
    expect(envOf(container)).toMatchObject({
      MYSQL_PASSWORD: { secretKeyRef: { name, key: 'target-password' } },
      GREENROOM_DATABASE_PASSWORD: {
        secretKeyRef: { name, key: 'target-password-url' },
      },
      DATABASE_URL:
        'mysql://app:$(GREENROOM_DATABASE_PASSWORD)@db-clone:3306/shop_clone',
    });
    expect(JSON.stringify(job)).not.toContain(TARGET_PASSWORD);
    double.completeJob(NAMESPACE, name);
    await expect(loading).resolves.toEqual({ rows: 0, tables: [] });
  });

  it('seeds a database without a password: an empty MYSQL_PASSWORD, no Secret, a URL without one', async () => {
    const loading = runtime.loadData(
      clone(''),
      seed({ image: 'ghcr.io/acme/seed:1' }),
      dataContext(),
    );
    const job = await until(() =>
      double
        .objects({ kind: 'Job', namespace: NAMESPACE })
        .find(j => j.metadata.labels['greenroom.dev/data-load']),
    );
    const [container] = job.spec.template.spec.containers;
    expect(envOf(container)).toEqual({
      MYSQL_HOST: 'db-clone',
      MYSQL_PORT: '3306',
      MYSQL_USER: 'app',
      MYSQL_PASSWORD: '',
      MYSQL_DATABASE: 'shop_clone',
      DATABASE_URL: 'mysql://app@db-clone:3306/shop_clone',
    });
    expect(double.get('Secret', NAMESPACE, job.metadata.name)).toBeUndefined();
    double.completeJob(NAMESPACE, job.metadata.name);
    await loading;
  });
});
