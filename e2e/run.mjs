// Browser end-to-end tests of Greenroom: starts its own demo (frontend and backend on other
// ports than `start`, a fresh throwaway SQLite directory, so the seed runs), waits until both
// are up, runs the scenarios of e2e/scenarios.mjs in headless Debian Chromium (playwright-core),
// stops everything and exits with the scenarios' result.
//
//   bash scripts/greenroom.sh e2e [options]     (runs this file with the repository's Node)
//
//   --only a,b        run only the scenarios whose id is listed (guest, templates, wake)
//   --serve           start the demo and keep it running until Ctrl-C (no scenarios)
//   --no-start        run the scenarios against a demo that is already running at
//                     --app-url (default http://localhost:$GREENROOM_E2E_APP_PORT)
//   --headed          show the browser (needs a display)
//
// Environment: GREENROOM_E2E_APP_PORT (3100), GREENROOM_E2E_BACKEND_PORT (7107),
// GREENROOM_E2E_STARTUP_TIMEOUT seconds (600), CHROMIUM_PATH (/usr/bin/chromium).
//
// Screenshots of every milestone go to e2e/artifacts/<run>/NN-name.png, with the servers' logs;
// a fully passing run copies its screenshots to e2e/screenshots/ and writes e2e/RESULTS.md.
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeBrowser, runScenarios } from './lib.mjs';
import { scenarios } from './scenarios.mjs';

const E2E = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(E2E);

const args = process.argv.slice(2);
const flag = name => args.includes(name);
const option = name => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const appPort = Number(process.env.GREENROOM_E2E_APP_PORT || 3100);
const backendPort = Number(process.env.GREENROOM_E2E_BACKEND_PORT || 7107);
const startupTimeoutMs =
  Number(process.env.GREENROOM_E2E_STARTUP_TIMEOUT || 600) * 1000;
const appUrl = option('--app-url') || `http://localhost:${appPort}`;
const backendUrl = option('--backend-url') || `http://localhost:${backendPort}`;
const only = option('--only')?.split(',');

const started = Date.now();
const elapsed = (from = started) =>
  `${((Date.now() - from) / 1000).toFixed(1)} s`;
const log = message => console.log(`[e2e ${elapsed()}] ${message}`);

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const artifacts = path.join(E2E, 'artifacts', stamp);
fs.mkdirSync(artifacts, { recursive: true });
const PID_FILE = path.join(E2E, 'artifacts', '.servers.pid');

// --- the demo ------------------------------------------------------------------

let server; // { servers: [{ name, pid, logFile, exited }], dataDir }

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** TERM the process group, wait up to 20 s, then KILL it. */
async function stopGroup(pid) {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 40 && groupAlive(pid); i++) await sleep(500);
  if (groupAlive(pid)) {
    log(`process group ${pid} still alive after 20 s: SIGKILL`);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    for (let i = 0; i < 20 && groupAlive(pid); i++) await sleep(250);
  }
}

/** A previous run that was killed hard may have left its servers: stop them (only ours). */
async function stopLeftovers() {
  let pids = [];
  try {
    pids = fs
      .readFileSync(PID_FILE, 'utf8')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return;
  }
  for (const pid of pids) {
    if (!(pid > 1) || !groupAlive(pid)) continue;
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      /* not readable */
    }
    if (cmdline.includes('app-config.e2e.yaml')) {
      log(`stopping a server a previous e2e run left behind (group ${pid})`);
      await stopGroup(pid);
    }
  }
  fs.rmSync(PID_FILE, { force: true });
}

function portFree(port) {
  try {
    execFileSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`], {
      stdio: 'ignore',
    });
    return false;
  } catch {
    return true;
  }
}

function yarnJs() {
  const rc = fs.readFileSync(path.join(ROOT, '.yarnrc.yml'), 'utf8');
  const m = rc.match(/^yarnPath:\s*["']?([^"'\n]+)/m);
  if (!m) throw new Error('no yarnPath in .yarnrc.yml');
  return path.join(ROOT, m[1].trim());
}

/**
 * Starts one server in its own process group (stopped as a whole at the end), logging to
 * e2e/artifacts/<run>/<name>.log.
 */
function startServer(name, args, options) {
  const logFile = path.join(artifacts, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', out, out],
    ...options,
  });
  fs.closeSync(out);
  const started = { name, pid: child.pid, logFile, exited: undefined };
  child.on('exit', (code, signal) => {
    started.exited = signal || `code ${code}`;
  });
  return started;
}

async function startDemo() {
  await stopLeftovers();
  for (const port of [appPort, backendPort]) {
    if (!portFree(port)) {
      throw new Error(
        `port ${port} is in use; set GREENROOM_E2E_APP_PORT / GREENROOM_E2E_BACKEND_PORT to free ones`,
      );
    }
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-e2e-data-'));
  const configArgs = [
    '--config',
    path.join(ROOT, 'app-config.yaml'),
    '--config',
    path.join(E2E, 'app-config.e2e.yaml'),
  ];
  const env = {
    ...process.env,
    GREENROOM_E2E_APP_PORT: String(appPort),
    GREENROOM_E2E_BACKEND_PORT: String(backendPort),
    GREENROOM_E2E_DATA_DIR: dataDir,
    BROWSER: 'none',
  };
  const backendDir = path.join(ROOT, 'packages/backend');
  const servers = [
    // The frontend dev server, as `yarn start` runs it.
    startServer('frontend', [yarnJs(), 'start', 'app', ...configArgs], {
      cwd: ROOT,
      env,
    }),
    // The backend as `yarn start` runs it, minus the CLI's file watcher: other engineers
    // edit plugins/* while the tests run, and a restart in the middle of a scenario is
    // a failure that says nothing about Greenroom (soak/ runs it the same way).
    startServer(
      'backend',
      [
        '--enable-source-maps',
        '--require',
        createRequire(path.join(backendDir, 'package.json')).resolve(
          '@backstage/cli-node/config/nodeTransform.cjs',
        ),
        'src/index',
        ...configArgs,
      ],
      {
        cwd: backendDir,
        env: {
          ...env,
          NODE_ENV: 'development',
          ESBK_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'),
        },
      },
    ),
  ];
  server = { servers, dataDir };
  fs.writeFileSync(PID_FILE, `${servers.map(s => s.pid).join('\n')}\n`);
  log(
    `demo starting: frontend ${appUrl}, backend ${backendUrl}, data ${dataDir} (groups ${servers
      .map(s => `${s.name} ${s.pid}`)
      .join(', ')}; logs in ${path.relative(ROOT, artifacts)}/)`,
  );
}

let stopPromise;
/** Stops the demo once; every caller (the end of the run, a signal, an error) awaits the same stop. */
function stopDemo() {
  if (!server) return stopPromise ?? Promise.resolve();
  const { servers, dataDir } = server;
  server = undefined;
  const t = Date.now();
  stopPromise = (async () => {
    await Promise.all(servers.map(s => stopGroup(s.pid)));
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(PID_FILE, { force: true });
    log(
      `demo stopped (groups ${servers.map(s => s.pid).join(', ')}, ${elapsed(
        t,
      )}); data directory removed`,
    );
  })();
  return stopPromise;
}

async function get(url, timeoutMs) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.text();
    return { ok: res.ok, status: res.status, body };
  } catch (e) {
    return {
      ok: false,
      status: 0,
      body: String(e?.cause?.code || e?.name || e),
    };
  }
}

function lastLogLine(logFile) {
  try {
    const lines = fs
      .readFileSync(logFile, 'utf8')
      .split('\n')
      .map(l => l.replace(/\x1b\[[0-9;]*m/g, '').trim())
      .filter(Boolean);
    return (lines[lines.length - 1] || '').slice(0, 140);
  } catch {
    return '';
  }
}

async function waitUntilUp() {
  const t = Date.now();
  const up = { backend: undefined, frontend: undefined };
  let lastReport = 0;
  while (!up.backend || !up.frontend) {
    const exited = server?.servers.find(s => s.exited);
    if (exited) {
      throw new Error(
        `the ${exited.name} exited (${exited.exited}) before it was up; see ${exited.logFile}`,
      );
    }
    if (Date.now() - t > startupTimeoutMs) {
      throw new Error(
        `the demo was not up after ${startupTimeoutMs / 1000} s (backend ${
          up.backend ? 'up' : 'down'
        }, frontend ${
          up.frontend ? 'up' : 'down'
        }); see the logs in ${artifacts}`,
      );
    }
    if (!up.backend) {
      const r = await get(`${backendUrl}/api/environments/health`, 5000);
      if (r.ok) {
        up.backend = elapsed(t);
        log(
          `backend up after ${up.backend}: ${r.body
            .replace(/\s+/g, '')
            .slice(0, 80)}`,
        );
      }
    }
    if (!up.frontend) {
      // The dev server answers once the first compilation is done.
      const r = await get(`${appUrl}/`, 30000);
      if (r.ok && /<html/i.test(r.body)) {
        up.frontend = elapsed(t);
        log(`frontend up after ${up.frontend}`);
      }
    }
    if (!up.backend || !up.frontend) {
      if (Date.now() - lastReport > 20000) {
        lastReport = Date.now();
        const waiting = server.servers.filter(s => !up[s.name]);
        log(
          `waiting for the demo (${elapsed(t)}): ${waiting
            .map(s => `${s.name}: ${lastLogLine(s.logFile)}`)
            .join(' | ')}`,
        );
      }
      await sleep(2000);
    }
  }
  return { backend: up.backend, frontend: up.frontend, total: elapsed(t) };
}

// --- results ---------------------------------------------------------------------

function chromiumVersion(executablePath) {
  try {
    return execFileSync(executablePath, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

function writeResults({ results, summary, startup, executablePath }) {
  const cpus = os.cpus();
  const lines = [
    '# Browser end-to-end results',
    '',
    'Written by `bash scripts/greenroom.sh e2e` (e2e/run.mjs) after its last full run.',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${os.hostname()}, ${cpus.length} × ${
      cpus[0]?.model?.trim() ?? 'CPU'
    }, ${Math.round(
      os.totalmem() / 2 ** 30,
    )} GiB, ${os.type()} ${os.release()}, load average ${os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' ')} at the end`,
    `- Node ${process.version}, ${chromiumVersion(
      executablePath,
    )}, playwright-core ${
      JSON.parse(
        fs.readFileSync(
          path.join(ROOT, 'node_modules/playwright-core/package.json'),
          'utf8',
        ),
      ).version
    }`,
    startup
      ? `- Demo startup: backend up after ${startup.backend}, frontend after ${startup.frontend}`
      : '- Demo: already running (--no-start)',
    `- Total: ${elapsed()}`,
    '',
    '| Scenario | Result | Time |',
    '| --- | --- | --- |',
    ...results.map(
      r =>
        `| ${r.title} | ${
          r.ok
            ? 'passed'
            : `FAILED: ${r.error.replace(/\|/g, '\\|').split('\n')[0]}`
        } | ${r.seconds.toFixed(1)} s |`,
    ),
    '',
    'Result line:',
    '',
    '```',
    summary,
    '```',
    '',
    'Screenshots of the last passing run: [screenshots/](screenshots/).',
    '',
  ];
  fs.writeFileSync(path.join(E2E, 'RESULTS.md'), lines.join('\n'));
}

function keepScreenshots() {
  const dest = path.join(E2E, 'screenshots');
  fs.mkdirSync(dest, { recursive: true });
  for (const f of fs.readdirSync(dest)) {
    if (f.endsWith('.png')) fs.rmSync(path.join(dest, f));
  }
  const pngs = fs.readdirSync(artifacts).filter(f => f.endsWith('.png'));
  for (const f of pngs)
    fs.copyFileSync(path.join(artifacts, f), path.join(dest, f));
  log(`kept ${pngs.length} screenshots in e2e/screenshots/`);
}

// --- main --------------------------------------------------------------------------

let shuttingDown = false;
async function shutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`${signal}: stopping`);
  await closeBrowser();
  await stopDemo();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => void shutdown(signal));
}
/** Exits with `code`, unless a signal is already stopping the run (it exits itself). */
async function finish(code) {
  await stopDemo().catch(() => {});
  if (!shuttingDown) process.exit(code);
}

async function main() {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  let startup;
  if (!flag('--no-start')) {
    await startDemo();
    startup = await waitUntilUp();
    log(`demo up after ${startup.total}`);
    if (flag('--serve')) {
      log(`serving ${appUrl} until Ctrl-C / SIGTERM`);
      await new Promise(() => {});
    }
  }
  const selected = scenarios.filter(s => !only || only.includes(s.id));
  log(
    `running ${
      selected.length
    } scenario(s) against ${appUrl}; screenshots in ${path.relative(
      ROOT,
      artifacts,
    )}/`,
  );
  const results = await runScenarios(selected, {
    appUrl,
    backendUrl,
    artifacts,
    executablePath,
    headed: flag('--headed'),
    log,
  });
  const passed = results.filter(r => r.ok).length;
  const failed = results.length - passed;
  const summary = `${passed} passed, ${failed} failed`;
  if (!flag('--no-start')) await stopDemo();
  // Only full runs of the suite count as "the last run" of RESULTS.md.
  if (!only && !shuttingDown) {
    writeResults({ results, summary, startup, executablePath });
    if (failed === 0) keepScreenshots();
  }
  log(`done in ${elapsed()}`);
  console.log(summary);
  return failed === 0 ? 0 : 1;
}

main().then(
  code => finish(code),
  async e => {
    if (!shuttingDown) {
      console.error(`[e2e] error: ${e?.stack || e}`);
      console.log('0 passed, 1 failed');
    }
    await finish(1);
  },
);
