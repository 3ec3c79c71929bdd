import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dataRulesSchema } from '@greenroom/plugin-environments-common';
import type { DataLoad } from '@greenroom/plugin-environments-node';
import {
  dataContext,
  secretData,
  startedJobIn,
} from './__testUtils__/dataLoadHarness';
import { runPodHere } from './__testUtils__/runPodHere';
import { context, eachTestOnADouble } from './__testUtils__/runtimeHarness';
import type { KubernetesRuntime } from './KubernetesRuntime';
import { dataJobName } from './data/renderDataJob';
import { resolvedEnvironment } from './testing/environments';
import type { KubernetesApiDouble } from './testing/KubernetesApiDouble';

// A real MySQL-compatible server: `bash scripts/greenroom.sh test` starts a
// throwaway MariaDB and sets this. The Jobs' containers run on this machine
// with its MariaDB clients in place of the mysql image's.
const SERVER_URL = process.env.GREENROOM_TEST_MYSQL_URL;
const describeWithMysql = SERVER_URL ? describe : describe.skip;

const NAMESPACE = 'gr-clone';

describeWithMysql('MySQL data Jobs run against a real server', () => {
  const server = new URL(SERVER_URL ?? 'mysql://localhost');
  const user = decodeURIComponent(server.username);
  const password = decodeURIComponent(server.password);
  const port = server.port || '3306';
  const suffix = randomBytes(4).toString('hex');
  const source = `gr_ksrc_${suffix}`;
  const target = `gr_kcopy_${suffix}`;

  /** Rows of a query, tab-separated columns as the mysql client prints them. */
  const query = (database: string, sql: string) =>
    execFileSync(
      'mysql',
      [
        '--no-defaults',
        `--host=${server.hostname}`,
        `--port=${port}`,
        `--user=${user}`,
        '--batch',
        '--skip-column-names',
        '-e',
        sql,
        database,
      ],
      { env: { ...process.env, MYSQL_PWD: password } },
    )
      .toString('utf8')
      .split('\n')
      .filter(Boolean);

  const environment = (name: string, database: string) =>
    resolvedEnvironment({
      name,
      services: [
        {
          name: 'db',
          kind: 'database',
          database: { engine: 'mysql', version: '8.0' },
        },
      ],
      databaseCredentials: { db: { username: user, password, database } },
    });
  const clone = () => environment('clone', target);

  let double: KubernetesApiDouble;
  let runtime: KubernetesRuntime;
  eachTestOnADouble(fresh => ({ double, runtime } = fresh));

  beforeAll(() => {
    query(
      'mysql',
      `CREATE DATABASE ${source} CHARACTER SET utf8mb4;
       CREATE DATABASE ${target} CHARACTER SET utf8mb4;`,
    );
    query(
      source,
      `CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE);
       CREATE TABLE orders (id INT PRIMARY KEY, user_id INT NOT NULL REFERENCES users (id));
       INSERT INTO users VALUES (1, 'ada@corp.example'), (2, 'grace@corp.example');
       INSERT INTO orders VALUES (10, 1), (11, 2), (12, 2);`,
    );
  });
  afterAll(() => {
    query(
      'mysql',
      `DROP DATABASE IF EXISTS ${source}; DROP DATABASE IF EXISTS ${target};`,
    );
  });

  beforeEach(async () => {
    double.holdJobs = true;
    await runtime.apply(clone(), context());
  });

  /**
   * Carries out `load` as the runtime would have the cluster do: its Job's
   * pod runs here, its logs and end go back to the double.
   */
  async function load(request: DataLoad) {
    const loading = runtime.loadData(clone(), request, dataContext());
    const job = await startedJobIn(
      double,
      NAMESPACE,
      dataJobName('db', request.action, request.transformKey),
    );
    const { name } = job.metadata;
    const runs = await runPodHere({
      pod: job.spec.template.spec,
      configMaps: {
        [name]: double.get('ConfigMap', NAMESPACE, name)?.data ?? {},
      },
      secrets: { [name]: secretData(double.get('Secret', NAMESPACE, name)) },
      // Where the pod would have found the databases.
      env: { MYSQL_HOST: server.hostname, MYSQL_PORT: port },
    });
    for (const run of runs) {
      double.writeJobLog(NAMESPACE, name, run.name, run.log);
    }
    const failed = runs.find(run => run.exitCode !== 0);
    if (failed) {
      double.failJob(NAMESPACE, name, {
        container: failed.name,
        exitCode: failed.exitCode ?? 137,
      });
    } else {
      double.completeJob(NAMESPACE, name);
    }
    return { runs, result: await loading.catch((error: Error) => error) };
  }

  const seed = (sql: string, transformKey: string): DataLoad => ({
    service: 'db',
    engine: 'mysql',
    action: 'seed',
    seed: { sql },
    transformKey,
  });

  it("copies through the Job's containers: the dump script, the bundled transformer, the restore script", async () => {
    const { runs, result } = await load({
      service: 'db',
      engine: 'mysql',
      action: 'copy',
      rules: dataRulesSchema.parse({
        sensitive: ['users.email'],
        rules: [{ column: 'users.email', transform: 'email' }],
      }),
      source: environment('staging', source),
      transformKey: 'copy-key',
    });
    expect(runs.map(run => [run.name, run.exitCode])).toEqual([
      ['wait-for-target', 0],
      ['pipes', 0],
      ['dump', 0],
      ['transform', 0],
      ['restore', 0],
    ]);
    expect(result).toEqual({
      rows: 5,
      tables: [
        { table: `${source}.orders`, rows: 3 },
        { table: `${source}.users`, rows: 2 },
      ],
    });
    const emails = query(target, 'SELECT email FROM users ORDER BY id');
    expect(emails).toHaveLength(2);
    for (const email of emails) {
      expect(email).toMatch(/^user-[0-9a-f]{16}@example\.invalid$/);
    }
    expect(query(target, 'SELECT id, user_id FROM orders ORDER BY id')).toEqual(
      query(source, 'SELECT id, user_id FROM orders ORDER BY id'),
    );
  });

  it('seeds SQL with the rows after the schema in one transaction, and a new attempt replaces a failed one', async () => {
    const schema = 'CREATE TABLE plans (name VARCHAR(20) PRIMARY KEY);';
    const failed = await load(
      seed(
        `${schema}\nINSERT INTO plans VALUES ('free');\nINSERT INTO plans VALUES ('free');`,
        'failing-seed',
      ),
    );
    expect((failed.result as Error).message).toMatch(
      /^Seed of db failed: .*the rows since its last schema change were rolled back .*seed exited with code 1: .*Duplicate entry 'free'/,
    );
    expect(query(target, 'SELECT COUNT(*) FROM plans')).toEqual(['0']);

    const seeded = await load(
      seed(
        `${schema}\nINSERT INTO plans VALUES ('free'), ('pro');`,
        'good-seed',
      ),
    );
    expect(seeded.result).toEqual({ rows: 0, tables: [] });
    expect(query(target, 'SELECT name FROM plans ORDER BY name')).toEqual([
      'free',
      'pro',
    ]);
  });

  it('holds the Job back while the target does not answer', async () => {
    const loading = runtime.loadData(
      clone(),
      seed('SELECT 1;', 'waiting-seed'),
      dataContext(),
    );
    const job = await startedJobIn(double, NAMESPACE);
    const [wait] = await runPodHere({
      pod: job.spec.template.spec,
      configMaps: {},
      secrets: {},
      // Nothing listens on port 1.
      env: { MYSQL_HOST: '127.0.0.1', MYSQL_PORT: '1' },
      timeoutMs: 3_000,
    });
    expect(wait).toMatchObject({ name: 'wait-for-target', exitCode: null });
    double.completeJob(NAMESPACE, job.metadata.name);
    await loading;
  });
});
