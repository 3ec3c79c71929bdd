// Checks 2 (race), 3 (fuzz) and 5 (canary secret) on one backend process with its
// own fresh databases (prefix soak_<run>_api_), in that order; the canary's log scan
// covers everything that backend logged, fuzzing included.
import { randomBytes } from 'node:crypto';
import {
  Backend,
  CheckResult,
  apiClient,
  listDatabases,
  log,
  pgClient,
  sleep,
  waitFor,
} from '../lib.mjs';
import { fuzzCheck } from './fuzz.mjs';

const API = '/api/environments';
let PREFIX; // soak_<run>_api_, set when the checks start

export async function apiChecks({ runDir, port, checks }) {
  PREFIX = `soak_${process.env.GREENROOM_SOAK_RUN ?? 'x'}_api_`;
  const backend = new Backend({
    name: 'api',
    port,
    prefix: PREFIX,
    runDir,
    config: {
      environments: { localRuntime: { delayMs: 300 } },
      // The catalog's Environment provider refreshes every 15 s (default 10 min).
      catalog: {
        providers: {
          greenroomEnvironments: {
            schedule: {
              frequency: { seconds: 15 },
              timeout: { minutes: 1 },
              initialDelay: { seconds: 5 },
            },
          },
        },
      },
    },
  });
  log('checks 2/3/5: starting the backend (fresh databases, seeded)');
  await backend.start();
  const api = apiClient(port);
  const db = await pgClient(`${PREFIX}environments`);
  const results = [];
  try {
    await waitQuiet(db);
    // The canary goes in first, so that fuzzing and racing run with a secret stored.
    const canary = checks.includes('canary')
      ? await plantCanary(api, db)
      : undefined;
    if (checks.includes('race')) results.push(await raceCheck(api, db));
    if (checks.includes('fuzz'))
      results.push(
        await fuzzCheck({ api, db, waitQuiet: () => waitQuiet(db) }),
      );
    if (checks.includes('canary'))
      results.push(await canaryCheck(api, backend, canary));
  } finally {
    await db.end();
    await backend.stop();
  }
  return results;
}

/** No operation queued or running: the engine is idle. */
export async function waitQuiet(db, timeoutMs = 120_000) {
  await waitFor(
    async () => {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM operations WHERE status IN ('queued','running')`,
      );
      const { rows: envs } = await db.query(
        `SELECT count(*)::int AS n FROM environments`,
      );
      return rows[0].n === 0 && envs[0].n > 0 ? true : undefined;
    },
    { timeoutMs, what: 'no queued or running operation' },
  );
}

// --- 2: concurrent clones to one name -------------------------------------------

async function raceCheck(api, db) {
  const result = new CheckResult('2-race', '50 concurrent clones to one name');
  const count = async (sql, params) => (await db.query(sql, params)).rows[0].n;

  const name = 'race-one';
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      api.post(
        `${API}/environments/staging/clone`,
        { name, mode: 'development', dataPolicy: 'empty' },
        { headers: { 'idempotency-key': `race-distinct-${i}` } },
      ),
    ),
  );
  const by = tally(responses.map(r => r.status));
  result.figure('answers (distinct Idempotency-Keys)', fmtTally(by));
  result.expect(
    by[202] === 1 && by[409] === 49,
    `expected one 202 and 49 409, got ${fmtTally(by)}`,
  );
  const conflictNames = new Set(
    responses.filter(r => r.status === 409).map(r => r.json?.error?.name),
  );
  result.expect(
    conflictNames.size <= 1 &&
      (conflictNames.size === 0 || conflictNames.has('ConflictError')),
    `409 bodies: ${[...conflictNames]}`,
  );
  const winner = responses.find(r => r.status === 202);
  if (winner) {
    const op = await waitFor(
      async () => {
        const r = await api.get(
          `${API}/operations/${winner.json.operation.id}`,
        );
        return ['succeeded', 'failed', 'cancelled'].includes(r.json?.status)
          ? r.json
          : undefined;
      },
      { what: 'the winning clone' },
    );
    result.figure('winning operation', op.status);
    result.expect(
      op.status === 'succeeded',
      `winning clone ended ${op.status}`,
    );
  }
  const rows = await count(
    `SELECT count(*)::int AS n FROM environments WHERE name = $1`,
    [name],
  );
  const ops = await count(
    `SELECT count(*)::int AS n FROM operations WHERE environment_name = $1`,
    [name],
  );
  const services = await count(
    `SELECT count(*)::int AS n FROM environment_services s JOIN environments e ON e.id = s.environment_id WHERE e.name = $1`,
    [name],
  );
  const staging = await count(
    `SELECT count(*)::int AS n FROM environment_services s JOIN environments e ON e.id = s.environment_id WHERE e.name = 'staging'`,
  );
  const status = (
    await db.query(`SELECT status FROM environments WHERE name = $1`, [name])
  ).rows[0]?.status;
  result.figure(
    'environment rows / operation rows / service rows (staging has)',
    `${rows} / ${ops} / ${services} (${staging})`,
  );
  result.expect(
    rows === 1 && ops === 1,
    `expected one environment row and one operation, got ${rows} and ${ops}`,
  );
  result.expect(
    services === staging,
    `the clone has ${services} services, staging ${staging}`,
  );
  result.expect(status === 'running', `the clone is ${status}, not running`);

  // The same race with one shared Idempotency-Key: never two operations.
  const shared = 'race-shared';
  const sharedResponses = await Promise.all(
    Array.from({ length: 20 }, () =>
      api.post(
        `${API}/environments/staging/clone`,
        { name: shared, mode: 'development', dataPolicy: 'empty' },
        { headers: { 'idempotency-key': 'race-shared-key' } },
      ),
    ),
  );
  const sharedBy = tally(sharedResponses.map(r => r.status));
  const opIds = new Set(
    sharedResponses.filter(r => r.status === 202).map(r => r.json.operation.id),
  );
  result.figure(
    'answers (one shared Idempotency-Key, 20 requests)',
    `${fmtTally(sharedBy)}; distinct operations in 202s: ${opIds.size}`,
  );
  result.expect(opIds.size === 1, `202 answers name ${opIds.size} operations`);
  // DESIGN: the same Idempotency-Key returns the same operation, also to a
  // request that raced its twin.
  result.expect(
    sharedBy[202] === 20,
    `expected 20 x 202 with the one operation, got ${fmtTally(sharedBy)}`,
  );
  await waitQuiet(db);
  const sharedRows = await count(
    `SELECT count(*)::int AS n FROM environments WHERE name = $1`,
    [shared],
  );
  const sharedOps = await count(
    `SELECT count(*)::int AS n FROM operations WHERE environment_name = $1`,
    [shared],
  );
  result.figure(
    'shared key: environment rows / operation rows',
    `${sharedRows} / ${sharedOps}`,
  );
  result.expect(
    sharedRows === 1 && sharedOps === 1,
    `shared key: ${sharedRows} environments, ${sharedOps} operations`,
  );
  const retry = await api.post(
    `${API}/environments/staging/clone`,
    { name: shared, mode: 'development', dataPolicy: 'empty' },
    { headers: { 'idempotency-key': 'race-shared-key' } },
  );
  result.figure(
    'shared key: a later retry answers',
    `${retry.status} (same operation: ${opIds.has(retry.json?.operation?.id)})`,
  );
  result.expect(
    retry.status === 202 && opIds.has(retry.json?.operation?.id),
    'a later retry with the shared key did not return the operation',
  );
  return result.finish();
}

const tally = list =>
  list.reduce((a, s) => ({ ...a, [s]: (a[s] ?? 0) + 1 }), {});
const fmtTally = t =>
  Object.entries(t)
    .map(([k, v]) => `${v}x ${k}`)
    .join(', ');

// --- 5: canary secret ---------------------------------------------------------------

async function plantCanary(api, db) {
  const canary = `CANARY-${randomBytes(12).toString('hex')}`;
  const plain = `PLAIN-${randomBytes(12).toString('hex')}`;
  const input = {
    name: 'canary-src',
    system: 'shop',
    owner: 'team-shop',
    mode: 'staging',
    services: [
      {
        name: 'api',
        kind: 'application',
        image: { repository: 'ghcr.io/example/api', tag: '1.0.0' },
        ports: [{ port: 8080, public: true }],
        variables: [{ key: 'API_TOKEN', kind: 'secret', value: canary }],
      },
      {
        name: 'db',
        kind: 'database',
        database: { engine: 'postgresql', version: '16', mode: 'container' },
      },
    ],
    variables: [
      { key: 'STRIPE_KEY', kind: 'secret', value: canary },
      { key: 'PAYMENT_KEY', kind: 'alias', aliasOf: 'STRIPE_KEY' },
      { key: 'PLAIN_MARKER', kind: 'value', value: plain },
    ],
  };
  const created = await api.post(`${API}/environments`, input);
  if (created.status !== 202)
    throw new Error(`create canary-src: ${created.status} ${created.text}`);
  await waitQuiet(db);
  const cloned = await api.post(`${API}/environments/canary-src/clone`, {
    name: 'canary-clone',
    mode: 'development',
    dataPolicy: 'empty',
  });
  if (cloned.status !== 202)
    throw new Error(`clone canary-src: ${cloned.status} ${cloned.text}`);
  await waitQuiet(db);
  // The clone's owner re-enters the secret, as the attention list asks.
  const put = await api.call(
    'PUT',
    `${API}/environments/canary-clone/variables/STRIPE_KEY`,
    { body: { kind: 'secret', value: canary } },
  );
  if (put.status !== 200)
    throw new Error(`re-enter the secret: ${put.status} ${put.text}`);
  // ... and a stop/start, so that the runtime sees the secret more than once.
  for (const action of ['stop', 'start']) {
    const r = await api.post(`${API}/environments/canary-clone/${action}`, {});
    if (r.status !== 202) throw new Error(`${action}: ${r.status} ${r.text}`);
    await waitQuiet(db);
  }
  return {
    canary,
    plain,
    operations: [created.json.operation.id, cloned.json.operation.id],
  };
}

async function canaryCheck(api, backend, { canary, plain, operations }) {
  const result = new CheckResult('5-canary', 'canary secret appears nowhere');
  const hits = [];
  let plainSeen = 0;
  let responses = 0;

  // Every GET of the served OpenAPI document, with each path parameter filled in.
  const doc = (await api.get(`${API}/openapi.json`)).json;
  const templates = (await api.get(`${API}/templates`)).json;
  const template = (templates?.items ?? templates ?? [])[0];
  const templateRef = String(
    template?.ref ?? template?.entityRef ?? 'servicetemplate:default/node-api',
  );
  const [, tNamespace = 'default', tName = 'node-api'] =
    /^[^:]+:([^/]+)\/(.+)$/.exec(templateRef) ?? [];
  const envOps = [];
  for (const env of ['canary-src', 'canary-clone']) {
    const r = await api.get(`${API}/environments/${env}/operations`);
    envOps.push(...(r.json?.items ?? []).map(o => o.id));
  }
  const fills = {
    name: ['canary-src', 'canary-clone'],
    service: ['api', 'db'],
    id: [...new Set([...operations, ...envOps])],
    namespace: [tNamespace],
    templateName: [tName],
  };
  const urls = new Set([
    `${API}/openapi.json`,
    '/api/catalog/entities?filter=kind=environment',
  ]);
  for (const [p, item] of Object.entries(doc.paths)) {
    if (!item.get) continue;
    let variants = [p];
    for (const [param, values] of Object.entries(fills)) {
      variants = variants.flatMap(v =>
        v.includes(`{${param}}`)
          ? values.map(x => v.replace(`{${param}}`, encodeURIComponent(x)))
          : [v],
      );
    }
    for (const v of variants) {
      urls.add(v);
      if (v.includes('/cost/'))
        for (const g of ['environment', 'owner', 'system', 'mode'])
          urls.add(`${v}?groupBy=${g}`);
      if (v.endsWith('/environments')) urls.add(`${v}?q=canary`);
    }
  }
  // The catalog publishes environments as `kind: Environment` entities.
  const entities = await waitFor(
    async () => {
      const r = await api.get('/api/catalog/entities?filter=kind=environment');
      const names = (r.json ?? []).map(e => e.metadata.name);
      return names.includes('canary-src') && names.includes('canary-clone')
        ? r.json
        : undefined;
    },
    {
      timeoutMs: 120_000,
      intervalMs: 2000,
      what: 'the canary environments in the catalog',
    },
  );
  result.figure('Environment entities in the catalog', entities.length);
  urls.add('/api/catalog/entities/by-name/environment/default/canary-src');
  urls.add('/api/catalog/entities/by-name/environment/default/canary-clone');

  const statuses = {};
  for (const url of urls) {
    const r = await api.get(url);
    responses++;
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.text.includes(canary)) hits.push(`GET ${url}`);
    if (r.text.includes(plain)) plainSeen++;
  }
  result.figure(
    'GET requests made (OpenAPI GET paths x parameters, catalog)',
    `${responses} (${Object.entries(statuses)
      .map(([k, v]) => `${v}x ${k}`)
      .join(', ')})`,
  );
  result.figure(
    'responses showing the plain (non-secret) control value',
    plainSeen,
  );
  result.expect(
    plainSeen > 0,
    'the plain control value was never seen: the scan would not find the canary either',
  );
  result.expect(
    !Object.keys(statuses).some(s => Number(s) >= 500),
    'a GET answered 5xx',
  );

  // Every line the backend logged, across its whole life.
  const text = backend.logText();
  const lines = text.split('\n');
  const logHits = lines.filter(l => l.includes(canary));
  const mentions = lines.filter(
    l => l.includes('canary-src') || l.includes('canary-clone'),
  ).length;
  result.figure(
    'backend log lines / lines about the canary environments / lines with the canary',
    `${lines.length} / ${mentions} / ${logHits.length}`,
  );
  result.expect(
    mentions > 0,
    'the log never mentions the canary environments: the scan proves nothing',
  );
  for (const l of logHits.slice(0, 3)) hits.push(`log: ${l.slice(0, 200)}`);

  // Every table of every database of the cluster, as text.
  let tables = 0;
  let rowsScanned = 0;
  let plainInDb = 0;
  for (const database of await listDatabases()) {
    if (database === 'postgres') continue;
    const client = await pgClient(database);
    try {
      const { rows: ts } = await client.query(
        `SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog','information_schema')`,
      );
      for (const t of ts) {
        const { rows } = await client.query(
          `SELECT t::text AS row FROM "${t.table_schema}"."${t.table_name}" t`,
        );
        tables++;
        rowsScanned += rows.length;
        for (const { row } of rows) {
          if (row.includes(canary))
            hits.push(`db ${database}.${t.table_name}: ${row.slice(0, 160)}`);
          if (row.includes(plain)) plainInDb++;
        }
      }
    } finally {
      await client.end();
    }
  }
  const envDb = await pgClient(`${PREFIX}environments`);
  const encrypted = (
    await envDb.query(
      `SELECT count(*)::int AS n FROM environment_variables v JOIN environments e ON e.id = v.environment_id
        WHERE e.name IN ('canary-src','canary-clone') AND v.kind = 'secret' AND v.value IS NOT NULL`,
    )
  ).rows[0].n;
  await envDb.end();
  result.figure(
    'database tables / rows scanned (all databases of the cluster)',
    `${tables} / ${rowsScanned}`,
  );
  result.figure(
    'rows with the plain control value / stored (encrypted) secret values of the canary environments',
    `${plainInDb} / ${encrypted}`,
  );
  result.expect(
    plainInDb > 0,
    'the plain control value is in no table: the scan proves nothing',
  );
  result.expect(
    encrypted === 3,
    `expected 3 stored secret values (2 on canary-src, 1 re-entered on canary-clone), found ${encrypted}`,
  );

  result.figure('places the canary appeared', hits.length);
  for (const h of hits.slice(0, 10)) result.expect(false, `canary found: ${h}`);
  return result.finish();
}
