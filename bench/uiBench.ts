// Benchmark 5: the environment list page, an environment's page and the cost
// page with 10,000 environments in headless Chromium, on the production build
// (the app bundle served by the backend's app-backend plugin), beside
// Backstage's own catalog page listing the same Environment entities.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generate, NOW, SECRETS_KEY, seed } from './fixture';
import { median, pgClient, postgresUrl, progress, timed } from './lib';
import { saveAndPrint, type CpuProfile } from './profile';

/** Own port, so that a demo or another run on :7007 is left alone. */
const PORT = 7217;
const BASE = `http://localhost:${PORT}`;
/** Database name prefix of the backend's plugins (one database each). */
const DB_PREFIX = 'greenroom_bench_ui_';

function listening(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

export type PageKey = 'list' | 'environment' | 'costs' | 'catalog';

export interface UiResult {
  environments: number;
  rounds: number;
  samples: Record<PageKey, number[]>;
  /** The environment whose page was measured. */
  environmentName: string;
  build: { seconds: number };
  seedSeconds: number;
  /** From the backend's start until its cost rollup had the last 40 days. */
  rollUpSeconds: number;
  /** From the backend's start until the catalog listed every environment. */
  catalogSeconds: number;
  /** Environment entities the catalog listed / environments the API listed. */
  catalogListed: number;
  apiListed: number;
  /** Loads that showed the sign-in page again (entered as guest, inside the measured time). */
  signIns: number;
  screenshots: string[];
  /** One extra load per page: its requests' start–end times from navigation start. */
  waterfalls: Partial<
    Record<PageKey, { usableMs: number; requests: string[] }>
  >;
}

/** Newest modification time of the files under these paths (node_modules and dist skipped). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    let s;
    try {
      s = statSync(p);
    } catch {
      return;
    }
    if (s.isDirectory()) {
      for (const entry of readdirSync(p)) {
        if (entry !== 'node_modules' && entry !== 'dist') {
          visit(path.join(p, entry));
        }
      }
    } else newest = Math.max(newest, s.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/**
 * The production build of the app (`backstage-cli package build` of
 * packages/app into packages/app/dist), as the backend bundle ships it.
 * Built on every run (30-90 s), while the database is seeded; the check
 * afterwards makes sure the bundle is newer than every frontend source.
 */
async function buildApp(root: string): Promise<number> {
  const appDir = path.join(root, 'packages/app');
  progress('5: building the app (backstage-cli package build, production)');
  const started = Date.now();
  const build = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules/@backstage/cli/bin/backstage-cli'),
      'package',
      'build',
    ],
    {
      cwd: appDir,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  build.stdout!.on('data', chunk => (output = (output + chunk).slice(-4000)));
  build.stderr!.on('data', chunk => (output = (output + chunk).slice(-4000)));
  const code = await new Promise(r => build.once('exit', r));
  if (code !== 0) throw new Error(`app build failed: ${output.slice(-2000)}`);
  const sources = newestMtime([
    path.join(appDir, 'src'),
    path.join(root, 'plugins/environments/src'),
    path.join(root, 'plugins/environments-common/src'),
  ]);
  if (statSync(path.join(appDir, 'dist/index.html')).mtimeMs < sources) {
    throw new Error('packages/app/dist is older than the frontend sources');
  }
  return (Date.now() - started) / 1000;
}

async function dropBenchDatabases() {
  const admin = pgClient('postgres', { min: 0, max: 1 });
  try {
    const { rows } = await admin.raw(
      'SELECT datname FROM pg_database WHERE datname LIKE ?',
      [`${DB_PREFIX}%`],
    );
    for (const { datname } of rows) {
      await admin.raw(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await admin.destroy();
  }
}

/**
 * Seeds the environments plugin's database as the fixture does (migrations
 * first), moves every timestamp by the time since the fixture's NOW so that
 * the data is current (the policy sweep then finds what it finds in row 3,
 * not five weeks of expiries). The backend's own hourly task fills the daily
 * cost rollup a minute after it started, as in a deployment.
 */
async function seedEnvironments(count: number) {
  const name = `${DB_PREFIX}environments`;
  const admin = pgClient('postgres', { min: 0, max: 1 });
  await admin.raw(`CREATE DATABASE "${name}"`).finally(() => admin.destroy());
  const db = pgClient(name);
  try {
    const seeded = await timed(() => seed(db, count, { ledger: true }));
    const shift = Date.now() - NOW.getTime();
    const columns: Record<string, string[]> = {
      environments: [
        'created_at',
        'updated_at',
        'last_activity_at',
        'expires_at',
      ],
      operations: ['created_at', 'updated_at'],
      service_intervals: ['started_at', 'ended_at'],
      activity: ['at'],
    };
    for (const [table, cols] of Object.entries(columns)) {
      await db(table).update(
        Object.fromEntries(
          cols.map(c => [c, db.raw(`?? + ${Math.round(shift)}`, [c])]),
        ),
      );
    }
    progress(
      `5: seeded ${count} environments in ${(seeded.ms / 1000).toFixed(
        0,
      )} s (timestamps moved by ${(shift / 86_400_000).toFixed(1)} days)`,
    );
    return { seedMs: seeded.ms };
  } finally {
    await db.destroy();
  }
}

/** The config a deployment adds: one origin (app.baseUrl = backend.baseUrl), PostgreSQL. */
function benchConfig(dir: string): string {
  const pg = new URL(postgresUrl());
  const file = path.join(dir, 'app-config.bench.yaml');
  const config = {
    app: { baseUrl: BASE },
    backend: {
      baseUrl: BASE,
      listen: { port: PORT },
      cors: { origin: BASE },
      database: {
        client: 'pg',
        prefix: DB_PREFIX,
        connection: {
          host: pg.hostname,
          port: Number(pg.port || 5432),
          user: decodeURIComponent(pg.username),
          password: decodeURIComponent(pg.password),
        },
      },
    },
    // the bench signs in as guest, which production refuses unless allowed
    auth: {
      providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
    },
    environments: {
      secretsKey: SECRETS_KEY,
      localRuntime: { delayMs: 0 },
    },
  };
  // JSON is YAML
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * Starts the backend as a deployment runs it (NODE_ENV=production, no dev
 * server), from its sources through the Backstage CLI's node transform,
 * so that the workspace plugins need no build of their own.
 */
function startBackend(root: string, dir: string): ChildProcess {
  // kept after the run, for reading what the backend did
  const logFile = path.join(os.tmpdir(), 'greenroom-bench-ui-backend.log');
  rmSync(logFile, { force: true });
  progress(`5: starting the backend on ${BASE} (log ${logFile})`);
  const out = openSync(logFile, 'a');
  return spawn(
    process.execPath,
    [
      '--require',
      path.join(root, 'node_modules/@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      benchConfig(dir),
    ],
    {
      cwd: path.join(root, 'packages/backend'),
      detached: true, // its own process group, stopped as a whole below
      stdio: ['ignore', out, out],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}

async function stopBackend(backend: ChildProcess) {
  const exited = new Promise(r => backend.once('exit', r));
  if (backend.exitCode === null) {
    try {
      process.kill(-backend.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const done = await Promise.race([
    exited.then(() => true),
    new Promise(r => setTimeout(() => r(false), 30_000)),
  ]);
  if (!done) {
    try {
      process.kill(-backend.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export async function runUiBench(options: {
  environments: number;
  rounds: number;
  root: string;
  /** Records the browser's CPU profile of each waterfall load into this directory. */
  profileDir?: string;
}): Promise<UiResult> {
  const { chromium } = require('playwright-core');
  if (await listening(PORT)) {
    throw new Error(`port ${PORT} is in use (another bench run?)`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'greenroom-bench-ui-'));
  await dropBenchDatabases();
  let backend: ChildProcess | undefined;
  try {
    const building = buildApp(options.root);
    building.catch(() => {}); // awaited below
    const { seedMs } = await seedEnvironments(options.environments);
    const buildSeconds = await building;
    progress(`5: app built in ${buildSeconds.toFixed(0)} s`);
    backend = startBackend(options.root, dir);
    const backendStarted = Date.now();
    await waitFor(
      `the backend on ${BASE}`,
      async () => (await fetch(`${BASE}/api/environments/health`)).ok,
      5 * 60_000,
    );
    const index = await (await fetch(`${BASE}/`)).text();
    if (!index.includes('/static/')) {
      throw new Error('the backend does not serve the built app');
    }
    progress('5: backend is up and serves the app');
    const token = (await (await fetch(`${BASE}/api/auth/guest/refresh`)).json())
      .backstageIdentity.token;
    const api = async (p: string) => {
      const response = await fetch(`${BASE}${p}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw new Error(`GET ${p}: ${response.status}`);
      return response.json();
    };
    // Our entity provider emits every environment; the catalog processes
    // them in the background. Measure once it lists as many as our API.
    let apiListed = 0;
    let catalogListed = 0;
    await waitFor(
      'the catalog to list every environment',
      async () => {
        apiListed = (await api('/api/environments/environments?limit=1'))
          .totalCount;
        const listed = (
          await api(
            '/api/catalog/entities/by-query?filter=kind=environment&limit=1',
          )
        ).totalItems;
        if (listed !== catalogListed)
          progress(`5:   catalog lists ${listed}/${apiListed}`);
        catalogListed = listed;
        return listed >= apiListed && apiListed >= options.environments;
      },
      20 * 60_000,
    );
    const catalogSeconds = (Date.now() - backendStarted) / 1000;
    // the month's figures come from the rollup: wait for its 40 days
    const db = pgClient(`${DB_PREFIX}environments`, { min: 0, max: 1 });
    try {
      await waitFor(
        "the backend's cost rollup",
        async () =>
          Number((await db('cost_daily_days').count({ n: '*' }))[0].n) >= 40,
        10 * 60_000,
      );
    } finally {
      await db.destroy();
    }
    const rollUpSeconds = (Date.now() - backendStarted) / 1000;
    progress(
      `5: the catalog listed every environment ${catalogSeconds.toFixed(
        0,
      )} s after the backend started, the rollup was complete at ${rollUpSeconds.toFixed(
        0,
      )} s`,
    );

    // an environment of the fixture with its ten services
    const environmentName = generate(1)[0].input.name;
    const environment = await api(
      `/api/environments/environments/${environmentName}`,
    );
    // our list shows names; the catalog shows the entities' titles
    const namePattern = /(prod|stag|deve|prev)-\d{5}-sys\d+/;
    const titlePattern = /environment \d+ of sys-\d+/;

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const result: UiResult = {
      environments: options.environments,
      rounds: options.rounds,
      samples: { list: [], environment: [], costs: [], catalog: [] },
      environmentName,
      build: { seconds: buildSeconds },
      seedSeconds: seedMs / 1000,
      rollUpSeconds,
      catalogSeconds,
      catalogListed,
      apiListed,
      signIns: 0,
      screenshots: [],
      waterfalls: {},
    };
    try {
      const page = await browser.newPage({
        viewport: { width: 1400, height: 900 },
      });
      const enter = page.getByRole('button', { name: /enter/i }).first();
      const row = (pattern = namePattern) =>
        page.locator('tbody tr', { hasText: pattern }).first();
      const usable: Record<PageKey, () => Promise<unknown>> = {
        list: () => row().waitFor({ timeout: 60_000 }),
        environment: () =>
          Promise.all([
            page
              .getByRole('heading', { name: environment.title, exact: true })
              .first()
              .waitFor({ timeout: 60_000 }),
            page
              .locator('tbody tr', { hasText: 'ghcr.io/example/migrate' })
              .first()
              .waitFor({ timeout: 60_000 }),
          ]),
        costs: () =>
          page.getByText('Top spenders').first().waitFor({ timeout: 60_000 }),
        catalog: () => row(titlePattern).waitFor({ timeout: 60_000 }),
      };
      const urls: Record<PageKey, string> = {
        list: '/environments',
        environment: `/environments/${environmentName}`,
        costs: '/environments/costs',
        // the catalog index is the app's root page here; the same entities, kind filter
        catalog: '/?filters%5Bkind%5D=environment&filters%5Buser%5D=all',
      };
      // sign in as guest once; the app signs in again by itself on later loads
      await page.goto(`${BASE}/environments`, { timeout: 120_000 });
      await Promise.race([
        enter.waitFor({ timeout: 120_000 }),
        row().waitFor({ timeout: 120_000 }),
      ]);
      if (await enter.isVisible()) await enter.click();
      await row().waitFor({ timeout: 120_000 });

      const keys: PageKey[] = ['list', 'environment', 'costs', 'catalog'];
      for (let round = -1; round < options.rounds; round++) {
        const order = round % 2 === 0 ? keys : [...keys].reverse();
        for (const key of order) {
          const t = performance.now();
          await page.goto(`${BASE}${urls[key]}`, {
            waitUntil: 'commit',
            timeout: 120_000,
          });
          await Promise.race([
            usable[key](),
            enter.waitFor({ timeout: 60_000 }),
          ]).catch(() => {});
          if (await enter.isVisible()) {
            result.signIns++;
            await enter.click();
          }
          await usable[key]().catch(async (error: Error) => {
            const shot = path.join(
              os.tmpdir(),
              `greenroom-bench-ui-${key}.png`,
            );
            await page.screenshot({ path: shot }).catch(() => {});
            throw new Error(
              `${key} page (${urls[key]}) did not become usable: ${
                error.message.split('\n')[0]
              }; screenshot ${shot}`,
            );
          });
          const ms = performance.now() - t;
          if (round >= 0) result.samples[key].push(ms);
          if (round === options.rounds - 1) {
            // what the measured state looked like
            const shot = path.join(
              os.tmpdir(),
              `greenroom-bench-ui-${key}.png`,
            );
            await page.screenshot({ path: shot });
            result.screenshots.push(shot);
          }
        }
        if (round >= 0)
          progress(
            `5:   round ${round + 1}/${options.rounds}: ${keys
              .map(k => `${k} ${result.samples[k].at(-1)!.toFixed(0)} ms`)
              .join(', ')}`,
          );
      }
      // One more load of each page with its network waterfall: what was
      // requested when, relative to navigation start (the investigation's tool).
      for (const key of keys) {
        const t = performance.now();
        const requests: string[] = [];
        const started = new Map<unknown, number>();
        const onRequest = (request: any) =>
          started.set(request, performance.now() - t);
        const onFinished = (request: any) => {
          const url = new URL(request.url());
          if (
            !url.pathname.startsWith('/api/') &&
            !url.pathname.endsWith('.js')
          )
            return;
          const from = started.get(request) ?? 0;
          const to = performance.now() - t;
          requests.push(
            `${from.toFixed(0).padStart(5)}–${to.toFixed(0).padStart(5)} ms ${
              url.pathname
            }${url.search.slice(0, 80)}`,
          );
        };
        page.on('request', onRequest);
        page.on('requestfinished', onFinished);
        // The page's main thread, sampled through the DevTools protocol (the
        // same Profiler domain as the backend's profiles in row 1).
        const cdp = options.profileDir
          ? await page.context().newCDPSession(page)
          : undefined;
        if (cdp) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
          await cdp.send('Profiler.start');
        }
        await page.goto(`${BASE}${urls[key]}`, { waitUntil: 'commit' });
        await usable[key]();
        const ms = performance.now() - t;
        if (cdp && options.profileDir) {
          const { profile } = (await cdp.send('Profiler.stop')) as {
            profile: CpuProfile;
          };
          await cdp.detach();
          saveAndPrint(options.profileDir, `page-${key}`, profile);
        }
        await new Promise(r => setTimeout(r, 1000));
        page.off('request', onRequest);
        page.off('requestfinished', onFinished);
        result.waterfalls[key] = { usableMs: ms, requests };
        progress(`5: waterfall of ${key} (usable at ${ms.toFixed(0)} ms):`);
        requests.forEach(line => progress(`5:   ${line}`));
      }
    } finally {
      await browser.close();
    }
    progress(
      `5: medians: ${(Object.keys(result.samples) as PageKey[])
        .map(k => `${k} ${median(result.samples[k]).toFixed(0)} ms`)
        .join(', ')}`,
    );
    return result;
  } finally {
    if (backend) {
      progress('5: stopping the backend');
      await stopBackend(backend);
    }
    await dropBenchDatabases().catch(e =>
      progress(`5: could not drop the bench databases: ${e.message}`),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}
