// Check 4: two backend processes (two ports) on one PostgreSQL database: each
// scheduled task of the Greenroom plugins runs once per period, never twice at
// once. Measured: every call of a task's function by the Backstage scheduler, in
// each process (soak/task-trace.cjs wraps the scheduler's call), plus the tasks
// table the scheduler keeps in each plugin's database.
import fs from 'node:fs';
import path from 'node:path';
import {
  Backend,
  CheckResult,
  SOAK_DIR,
  log,
  pgClient,
  sleep,
} from '../lib.mjs';

let PREFIX; // soak_<run>_sched_, set when the check starts

/** Our tasks, their period (as configured for the check) and first delay, in s. */
const TASKS = {
  'environments-policy-sweep': {
    period: 10,
    initialDelay: 45,
    where: 'environments',
  },
  'environments-start-queued-previews': {
    period: 60,
    initialDelay: 30,
    where: 'environments',
  },
  'environments-cost-rollup': {
    period: 3600,
    initialDelay: 60,
    where: 'environments',
  },
  'greenroom-environments:refresh': {
    period: 10,
    initialDelay: 5,
    where: 'catalog',
  },
};

export async function schedulerCheck({ runDir, ports, windowMs = 150_000 }) {
  PREFIX = `soak_${process.env.GREENROOM_SOAK_RUN ?? 'x'}_sched_`;
  const result = new CheckResult(
    '4-schedulers',
    'two backends on one database: each scheduled task once per period',
  );
  const trace = path.join(runDir, 'task-trace.jsonl');
  fs.writeFileSync(trace, '');
  const config = {
    environments: { policies: { sweepFrequency: '10s' } },
    catalog: {
      providers: {
        greenroomEnvironments: {
          schedule: {
            frequency: { seconds: 10 },
            timeout: { minutes: 1 },
            initialDelay: { seconds: 5 },
          },
        },
      },
    },
  };
  const backends = ports.map(
    (port, i) =>
      new Backend({
        name: `sched-${i + 1}`,
        port,
        prefix: PREFIX,
        runDir,
        config,
        preload: [path.join(SOAK_DIR, 'task-trace.cjs')],
        env: {
          GREENROOM_SOAK_TASK_TRACE: trace,
          GREENROOM_SOAK_PROCESS: `backend-${i + 1}`,
        },
      }),
  );
  log(
    `check 4: starting two backends on ports ${ports.join(
      ' and ',
    )}, one database set (${PREFIX}*)`,
  );
  // One after the other: the first runs the migrations and the seed alone.
  await backends[0].start();
  await backends[1].start();
  const t0 = Date.now();
  log(`  both up; observing for ${windowMs / 1000} s`);

  // The scheduler's own table, sampled every second, as a second witness.
  const envDb = await pgClient(`${PREFIX}environments`);
  const tickets = new Map();
  const sampler = (async () => {
    while (Date.now() - t0 < windowMs) {
      const { rows } = await envDb.query(
        `SELECT id, current_run_ticket FROM backstage_backend_tasks__tasks`,
      );
      for (const r of rows) {
        if (!r.current_run_ticket) continue;
        tickets.set(
          r.id,
          (tickets.get(r.id) ?? new Set()).add(r.current_run_ticket),
        );
      }
      await sleep(1000);
    }
  })();
  await sampler;
  const { rows: registered } = await envDb.query(
    `SELECT id, settings_json FROM backstage_backend_tasks__tasks ORDER BY id`,
  );
  await envDb.end();
  await Promise.all(backends.map(b => b.stop()));
  const t1 = Date.now();

  const records = fs
    .readFileSync(trace, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l));
  const loaded = new Set(
    records.filter(r => r.event === 'loaded').map(r => r.process),
  );
  result.figure('processes traced', [...loaded].join(', '));
  result.expect(loaded.size === 2, 'the trace was not loaded in both backends');
  result.figure(
    'tasks registered in the environments database',
    registered.map(r => r.id).join(', '),
  );
  result.figure(
    'observation window',
    `${Math.round((t1 - t0) / 1000)} s after both were up`,
  );

  const claims = records.filter(x => x.event === 'claim');
  const runs = new Map();
  for (const r of records.filter(
    x => x.event === 'start' || x.event === 'end',
  )) {
    const key = `${r.process}/${r.run}`;
    const run = runs.get(key) ?? { task: r.task, process: r.process };
    run[r.event] = r.at;
    runs.set(key, run);
  }
  const allRuns = [...runs.values()];
  const byTask = new Map();
  for (const run of allRuns)
    byTask.set(run.task, [...(byTask.get(run.task) ?? []), run]);

  for (const [task, spec] of Object.entries(TASKS)) {
    const list = (byTask.get(task) ?? []).sort((a, b) => a.start - b.start);
    const perProcess = ['backend-1', 'backend-2'].map(
      p => list.filter(r => r.process === p).length,
    );
    let overlaps = 0;
    let tooClose = 0;
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1];
      if (list[i].start < (prev.end ?? Infinity)) overlaps++;
      if (list[i].start - prev.start < spec.period * 500) tooClose++; // under half a period
    }
    // From the earliest start (its first delay after the first backend started) to the end.
    const first = list[0]?.start;
    const span = first ? (t1 - first) / 1000 : 0;
    // A run claimed late shortens the next gap (the next run is due one period
    // after the previous one was due), hence one run of slack; a second process
    // running the same period would double the count instead.
    const most = Math.floor(span / spec.period) + 2;
    const gaps = list
      .slice(1)
      .map((r, i) => (r.start - list[i].start) / 1000)
      .sort((a, b) => a - b);
    const least =
      spec.period <= 20 ? Math.max(1, Math.floor(span / spec.period) - 2) : 1;
    const claimsOf = p =>
      claims.filter(c => c.task === task && c.process === p);
    const claimText = ['backend-1', 'backend-2']
      .map(
        p =>
          `${p} ${claimsOf(p).filter(c => c.won).length}/${claimsOf(p).length}`,
      )
      .join(', ');
    result.figure(
      `${task} (every ${spec.period} s)`,
      `${list.length} runs (backend-1: ${perProcess[0]}, backend-2: ${
        perProcess[1]
      }); at most ${most} possible; gaps between starts ${
        gaps.length
          ? `${gaps[0].toFixed(1)}-${gaps[gaps.length - 1].toFixed(1)} s`
          : 'n/a'
      }; overlapping: ${overlaps}; starts under half a period apart: ${tooClose}; claims won/tried: ${claimText}`,
    );
    result.expect(
      overlaps === 0,
      `${task}: ${overlaps} runs overlapped another run`,
    );
    result.expect(
      tooClose === 0,
      `${task}: ${tooClose} runs started under half a period after the previous one`,
    );
    result.expect(
      list.length <= most,
      `${task}: ${list.length} runs in ${Math.round(
        span,
      )} s, at most ${most} expected`,
    );
    result.expect(
      list.length >= least,
      `${task}: only ${list.length} runs in ${Math.round(
        span,
      )} s (at least ${least} expected)`,
    );
  }
  const witnessed = [...tickets.entries()]
    .map(([id, set]) => `${id}: ${set.size}`)
    .join(', ');
  result.figure(
    'distinct run tickets seen in backstage_backend_tasks__tasks (1 s sampling; short runs slip through)',
    witnessed || 'none',
  );
  const processesRunning = new Set(
    allRuns
      .filter(r => Object.keys(TASKS).includes(r.task))
      .map(r => r.process),
  );
  result.figure(
    'processes that ran at least one of these tasks',
    [...processesRunning].join(', ') || 'none',
  );
  result.note(
    'Measured: each call of a task function by the Backstage scheduler in each of the two processes (soak/task-trace.cjs wraps TaskWorker.claimAndRun; it does not change scheduling). Periods: the policy sweep and the catalog provider are configured to 10 s for the check; start-queued-previews (1 min) and cost-rollup (1 h) are fixed in plugin.ts, so within the window they can only show that they ran once per period at most. environments-activity-poll runs only with an ActivitySource module, environments-aws-rds-restop only with an AWS region, environments-github-reconcile only with environments.github: none of these is configured in the demo, so they are not measured.',
  );
  return result.finish();
}
