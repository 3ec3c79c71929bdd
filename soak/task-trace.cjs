// Preloaded (node --require) into the backends of the scheduler check only: records
// every run of a scheduled task's function, as the Backstage scheduler makes it, in
// this process (one JSON line per start and end, to GREENROOM_SOAK_TASK_TRACE).
// It wraps the scheduler's call, and changes nothing else.
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const file = process.env.GREENROOM_SOAK_TASK_TRACE;
const who = process.env.GREENROOM_SOAK_PROCESS ?? String(process.pid);
const backendRequire = createRequire(path.join(process.cwd(), 'package.json'));
const schedulerEntry = backendRequire.resolve(
  '@backstage/backend-defaults/scheduler',
);
const { TaskWorker } = require(path.join(
  path.dirname(schedulerEntry),
  'entrypoints/scheduler/lib/TaskWorker.cjs.js',
));

const write = record =>
  fs.appendFileSync(
    file,
    `${JSON.stringify({ ...record, process: who, pid: process.pid })}\n`,
  );
const claimAndRun = TaskWorker.prototype.claimAndRun;
TaskWorker.prototype.claimAndRun = function traced(settings, signal) {
  if (!this.__soakTraced) {
    const fn = this.fn;
    const taskId = this.taskId;
    this.fn = async abortSignal => {
      const run = Math.random().toString(36).slice(2, 10);
      write({
        event: 'start',
        task: taskId,
        run,
        at: Date.now(),
        cadence: settings?.cadence,
      });
      try {
        return await fn(abortSignal);
      } finally {
        write({ event: 'end', task: taskId, run, at: Date.now() });
      }
    };
    this.__soakTraced = true;
  }
  return claimAndRun.call(this, settings, signal);
};
// Every claim attempt and its outcome, to show whether the processes competed.
const tryClaimTask = TaskWorker.prototype.tryClaimTask;
TaskWorker.prototype.tryClaimTask = async function tracedClaim(...args) {
  const won = await tryClaimTask.apply(this, args);
  write({ event: 'claim', task: this.taskId, won, at: Date.now() });
  return won;
};
write({ event: 'loaded', at: Date.now() });
