// Check 1: crash safety. 50 clones of the seeded `staging` and 50 destroys of those
// clones, while the backend is SIGKILLed every 3-8 s of uptime and restarted; then
// the database must show every operation succeeded, nothing half-made, no duplicate
// and no orphan.
import {
  Backend,
  CheckResult,
  apiClient,
  log,
  pgClient,
  randInt,
  sleep,
} from '../lib.mjs';

const API = '/api/environments';
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
const BUSY = ['provisioning', 'deleting', 'starting', 'stopping'];

export async function crashCheck({
  runDir,
  port,
  clones = 50,
  workers = 6,
  minKills = 10,
  maxKills = 30,
  budgetMs = 18 * 60_000,
}) {
  const result = new CheckResult(
    '1-crash',
    `crash safety: ${clones} clones + ${clones} destroys under SIGKILL`,
  );
  const prefix = `soak_${process.env.GREENROOM_SOAK_RUN ?? 'x'}_crash_`;
  const backend = new Backend({
    name: 'crash',
    port,
    prefix,
    runDir,
    // the seed file of app-config.yaml gives `staging`; nothing else changes
  });
  const api = apiClient(port);
  const began = Date.now();
  const stats = {
    networkRetries: 0,
    notReadyRetries: 0,
    serverErrors: [],
    replays: 0,
    kills: 0,
  };

  log('check 1: starting the backend (fresh databases, seeded)');
  await backend.start();

  /** Calls until the plugin itself answers (the backend may be down or starting). */
  async function call(fn) {
    for (;;) {
      if (Date.now() - began > budgetMs)
        throw new Error(
          `time budget of ${
            budgetMs / 60_000
          } min exhausted (machine too busy?)`,
        );
      if (!backend.up) {
        await sleep(200);
        continue;
      }
      let res;
      try {
        res = await fn();
      } catch {
        stats.networkRetries++;
        await sleep(300);
        continue;
      }
      // Plugin routes answer 404 without a JSON error while the backend starts.
      if ((res.status === 404 && !res.json?.error) || res.status === 503) {
        stats.notReadyRetries++;
        await sleep(300);
        continue;
      }
      if (res.status >= 500) {
        stats.serverErrors.push(`${res.status} ${res.text.slice(0, 200)}`);
        await sleep(300);
        continue;
      }
      return res;
    }
  }

  // The seeded staging environment, and every environment's service count now.
  const staging = await waitStaging();
  async function waitStaging() {
    for (;;) {
      const res = await call(() => api.get(`${API}/environments/staging`));
      if (res.status === 200) return res.json;
      await sleep(500);
    }
  }
  result.figure(
    'source environment',
    `staging (${staging.services.length} services, status ${staging.status})`,
  );

  const ops = []; // { name, type, id, status }
  let next = 1;
  let done = false;
  const failures = [];

  async function waitOperation(id) {
    for (;;) {
      const res = await call(() => api.get(`${API}/operations/${id}`));
      if (res.status === 200 && TERMINAL.has(res.json.status)) return res.json;
      if (res.status !== 200)
        failures.push(`GET operation ${id}: ${res.status}`);
      await sleep(700);
    }
  }

  async function mutate(name, type, send) {
    let firstId;
    for (;;) {
      const res = await call(send);
      if (res.status === 202) {
        const id = res.json.operation.id;
        if (firstId && id === firstId) stats.replays++;
        const op = { name, type, id };
        ops.push(op);
        const final = await waitOperation(id);
        op.status = final.status;
        op.attempts = final.attempts;
        if (final.status !== 'succeeded')
          failures.push(
            `${type} of ${name} ended ${final.status}: ${final.error}`,
          );
        return final;
      }
      failures.push(
        `${type} of ${name}: HTTP ${res.status} ${res.text.slice(0, 200)}`,
      );
      return undefined;
    }
  }

  async function worker() {
    while (next <= clones) {
      const i = next++;
      const name = `soak-${String(i).padStart(2, '0')}`;
      // One Idempotency-Key per logical request: a retry after a kill must not
      // create a second environment or operation.
      await mutate(name, 'clone', () =>
        api.post(
          `${API}/environments/staging/clone`,
          { name, mode: 'development', dataPolicy: 'empty' },
          { headers: { 'idempotency-key': `soak-clone-${name}` } },
        ),
      );
      await mutate(name, 'destroy', () =>
        api.del(`${API}/environments/${name}`, {
          headers: { 'idempotency-key': `soak-destroy-${name}` },
        }),
      );
    }
  }

  async function killer() {
    while (!done && stats.kills < maxKills) {
      const uptime = randInt(3000, 8000);
      const until = Date.now() + uptime;
      while (!done && Date.now() < until) await sleep(100);
      if (done) break;
      await backend.kill9();
      stats.kills++;
      log(
        `  SIGKILL #${stats.kills} after ${uptime} ms up; ${
          ops.filter(o => o.status).length
        }/${2 * clones} operations done`,
      );
      await backend.start();
    }
  }

  let driverError;
  const driver = Promise.all(Array.from({ length: workers }, worker))
    .catch(error => {
      driverError = error;
    })
    .finally(() => {
      done = true;
    });
  await Promise.all([driver, killer()]);
  const driveSeconds = Math.round((Date.now() - began) / 1000);

  // Let whatever is still queued (e.g. the seed's own operations) finish, then stop.
  await sleep(2000);
  await backend.stop();

  result.note(
    'Operation leases are 30 s (the OperationEngine default; plugin.ts does not make it configurable), so an operation interrupted by a SIGKILL resumes only after its lease has expired, on whichever process is up then; the kills come every 3-8 s of uptime, so an interrupted operation resumes one or more restarts later.',
  );
  result.figure(
    'SIGKILLs / restarts',
    `${stats.kills} / ${backend.starts - 1}`,
  );
  const avgStart =
    backend.startMs.reduce((a, b) => a + b, 0) / backend.startMs.length / 1000;
  result.figure('backend start to ready (mean)', `${avgStart.toFixed(1)} s`);
  result.figure('driving time', `${driveSeconds} s`);
  result.figure(
    'requests retried after a lost connection',
    stats.networkRetries,
  );
  result.figure(
    'retries answered with the same operation (Idempotency-Key replay)',
    stats.replays,
  );
  result.figure('5xx answers', stats.serverErrors.length);
  result.expect(!driverError, `driver: ${driverError?.message}`);
  result.expect(
    stats.serverErrors.length === 0,
    `5xx answers: ${stats.serverErrors.slice(0, 3).join(' | ')}`,
  );
  result.expect(
    stats.kills >= minKills,
    `only ${stats.kills} kills happened (at least ${minKills} wanted)`,
  );
  for (const f of failures.slice(0, 10)) result.expect(false, f);

  const succeeded = ops.filter(o => o.status === 'succeeded').length;
  result.figure(
    'operations driven / succeeded',
    `${ops.length} / ${succeeded}`,
  );
  result.expect(
    ops.length === 2 * clones && succeeded === 2 * clones,
    `expected ${2 * clones} succeeded operations, got ${succeeded} of ${
      ops.length
    }`,
  );

  await verifyDatabase(result, `${prefix}environments`, { clones, staging });
  return result.finish();
}

/** What the database holds after the run, read directly. */
export async function verifyDatabase(result, database, { clones }) {
  const db = await pgClient(database);
  const q = async (sql, params) => (await db.query(sql, params)).rows;
  try {
    const soakOps = await q(
      `SELECT type, status, count(*)::int AS n, max(attempts)::int AS max_attempts,
              sum(CASE WHEN attempts > 1 THEN 1 ELSE 0 END)::int AS resumed
         FROM operations WHERE environment_name LIKE 'soak-%' GROUP BY type, status ORDER BY type, status`,
    );
    result.figure(
      'soak operations in the database',
      soakOps.map(r => `${r.type}/${r.status}: ${r.n}`).join(', '),
    );
    const count = (type, status) =>
      soakOps
        .filter(r => r.type === type && (!status || r.status === status))
        .reduce((a, r) => a + r.n, 0);
    result.expect(
      count('clone') === clones && count('clone', 'succeeded') === clones,
      `clone operation rows: ${count('clone')} (${count(
        'clone',
        'succeeded',
      )} succeeded), expected exactly ${clones}`,
    );
    result.expect(
      count('destroy') === clones && count('destroy', 'succeeded') === clones,
      `destroy operation rows: ${count('destroy')} (${count(
        'destroy',
        'succeeded',
      )} succeeded), expected exactly ${clones}`,
    );
    const resumed = soakOps.reduce((a, r) => a + r.resumed, 0);
    const maxAttempts = Math.max(0, ...soakOps.map(r => r.max_attempts));
    result.figure(
      'operations resumed after a kill (attempts > 1) / most attempts',
      `${resumed} / ${maxAttempts}`,
    );
    result.expect(
      resumed > 0,
      'no operation was interrupted by a kill: the run proves nothing',
    );

    const unfinished = await q(
      `SELECT id, type, status, environment_name FROM operations WHERE status IN ('queued','running')`,
    );
    result.figure(
      'operations still queued or running (any)',
      unfinished.length,
    );
    result.expect(
      unfinished.length === 0,
      `unfinished operations: ${JSON.stringify(unfinished.slice(0, 3))}`,
    );
    const failedOps = await q(
      `SELECT id, type, environment_name, error FROM operations WHERE status NOT IN ('succeeded')`,
    );
    result.expect(
      failedOps.length === 0,
      `operations not succeeded: ${JSON.stringify(failedOps.slice(0, 3))}`,
    );

    const dupNames = await q(
      `SELECT name, count(*)::int AS n FROM environments GROUP BY name HAVING count(*) > 1`,
    );
    result.expect(
      dupNames.length === 0,
      `duplicate environment rows: ${JSON.stringify(dupNames)}`,
    );
    const leftover = await q(
      `SELECT name, status FROM environments WHERE name LIKE 'soak-%'`,
    );
    result.figure(
      'soak environments left (all were destroyed)',
      leftover.length,
    );
    result.expect(
      leftover.length === 0,
      `environments left: ${JSON.stringify(leftover.slice(0, 5))}`,
    );
    const halfMade = await q(
      `SELECT e.name, e.status FROM environments e
        WHERE (e.status = ANY($1) AND NOT EXISTS (SELECT 1 FROM operations o WHERE o.environment_id = e.id AND o.status IN ('queued','running')))
           OR e.status = 'failed'`,
      [BUSY],
    );
    result.figure(
      'environments half-made (busy status without an operation, or failed)',
      halfMade.length,
    );
    result.expect(
      halfMade.length === 0,
      `half-made: ${JSON.stringify(halfMade)}`,
    );

    const services = await q(
      `SELECT e.name, count(s.name)::int AS n, count(DISTINCT s.name)::int AS distinct_n
         FROM environments e LEFT JOIN environment_services s ON s.environment_id = e.id GROUP BY e.name ORDER BY e.name`,
    );
    result.figure(
      'services per environment',
      services.map(r => `${r.name}=${r.n}`).join(' '),
    );
    result.expect(
      services.every(r => r.n === r.distinct_n),
      'an environment holds a service twice',
    );

    // Ledger: at most one open interval per service; no overlapping intervals.
    const intervals = await q(
      `SELECT environment_id, service_name, started_at::bigint AS s, ended_at::bigint AS e,
              environment_id IN (SELECT environment_id FROM operations WHERE environment_name LIKE 'soak-%') AS soak
         FROM service_intervals ORDER BY environment_id, service_name, started_at, id`,
    );
    let overlaps = 0;
    let multiOpen = 0;
    let reRun = 0;
    const byService = new Map();
    for (const r of intervals) {
      const k = `${r.environment_id}/${r.service_name}`;
      byService.set(k, [...(byService.get(k) ?? []), r]);
    }
    for (const list of byService.values()) {
      if (list.filter(r => r.e === null).length > 1) multiOpen++;
      if (list[0].soak && list.length > 1) reRun++;
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1];
        if (prev.e === null || Number(list[i].s) < Number(prev.e)) overlaps++;
      }
    }
    result.figure(
      "ledger intervals (all, incl. the seed's history) / of soak clones",
      `${intervals.length} / ${intervals.filter(r => r.soak).length}`,
    );
    result.figure(
      'soak clone services with more than one interval (a ledger step re-run after a kill)',
      reRun,
    );
    result.figure(
      'overlapping intervals / services with two open intervals',
      `${overlaps} / ${multiOpen}`,
    );
    result.expect(
      overlaps === 0 && multiOpen === 0,
      `duplicate ledger intervals: ${overlaps} overlapping, ${multiOpen} services with two open`,
    );

    // Orphans: rows of environments that are gone.
    const gone = `NOT IN (SELECT id FROM environments)`;
    const orphanTables = [
      'environment_services',
      'environment_variables',
      'database_credentials',
      'policy_notices',
    ];
    for (const table of orphanTables) {
      const [{ n }] = await q(
        `SELECT count(*)::int AS n FROM ${table} WHERE environment_id ${gone}`,
      );
      result.figure(`orphan rows in ${table}`, n);
      result.expect(
        n === 0,
        `${n} rows of ${table} belong to environments that are gone`,
      );
    }
    const [{ n: openGone }] = await q(
      `SELECT count(*)::int AS n FROM service_intervals WHERE ended_at IS NULL AND environment_id ${gone}`,
    );
    result.figure(
      'open ledger intervals of environments that are gone',
      openGone,
    );
    result.expect(
      openGone === 0,
      `${openGone} open intervals of environments that are gone (cost would accrue forever)`,
    );
    const [{ n: opsGone }] = await q(
      `SELECT count(DISTINCT environment_id)::int AS n FROM operations o WHERE environment_id ${gone}
          AND NOT EXISTS (SELECT 1 FROM operations d WHERE d.environment_id = o.environment_id AND d.type = 'destroy' AND d.status = 'succeeded')`,
    );
    result.figure(
      'operations of gone environments without a succeeded destroy',
      opsGone,
    );
    result.expect(
      opsGone === 0,
      `${opsGone} environments vanished without a succeeded destroy`,
    );
    const [{ n: history }] = await q(
      `SELECT count(*)::int AS n FROM activity WHERE environment_id ${gone}`,
    );
    result.note(
      `Kept by design after a destroy (history, not orphans): the operations of a destroyed environment (GET /operations/{id} keeps answering), its closed ledger intervals (cost reports) and its activity rows (${history} here).`,
    );
  } finally {
    await db.end();
  }
}
