// Benchmark 5: the environment list page and the cost page with 1,000
// environments in headless Chromium, beside Backstage's own catalog page
// listing the same 1,000 Environment entities, all served by one demo app.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { median, progress } from './lib';

const FRONTEND = 'http://localhost:3000';
const BACKEND = 'http://localhost:7007';
const PREFIX = 'bench-ui-';

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

async function pool<T>(
  items: T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

export interface UiResult {
  demo: 'own' | 'reused';
  environments: number;
  rounds: number;
  list: number[];
  costs: number[];
  catalog: number[];
  seedSeconds: number;
  /** Of the created environments, how many the catalog listed when the pages were measured. */
  catalogListed: number;
  /** Loads that showed the sign-in page again (entered as guest, inside the measured time). */
  signIns: number;
}

export async function runUiBench(options: {
  environments: number;
  rounds: number;
  root: string;
}): Promise<UiResult> {
  const { chromium } = require('playwright-core');
  const inUse = (await listening(3000)) || (await listening(7007));
  let demo: ChildProcess | undefined;
  let dataDir: string | undefined;
  if (inUse) {
    progress(
      '5: ports 3000/7007 are in use: reusing the running demo (what this creates is deleted afterwards)',
    );
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'greenroom-bench-ui-'));
    const logFile = path.join(dataDir, 'demo.log');
    progress(
      `5: starting an own demo (bash scripts/greenroom.sh start) with SQLite in ${dataDir}; log ${logFile}`,
    );
    const out = openSync(logFile, 'a');
    demo = spawn(
      'bash',
      [path.join(options.root, 'scripts/greenroom.sh'), 'start'],
      {
        cwd: options.root,
        detached: true, // its own process group, stopped as a whole below
        stdio: ['ignore', out, out],
        env: {
          ...process.env,
          // a separate SQLite directory, so that the shared demo data is not touched
          APP_CONFIG_backend_database_connection_directory: dataDir,
          // the local runtime finishes operations at once (default: 1.5 s each)
          APP_CONFIG_environments_localRuntime_delayMs: '0',
        },
      },
    );
  }
  const created: string[] = [];
  let token = '';
  const api = async (method: string, p: string, body?: unknown) => {
    const response = await fetch(`${BACKEND}${p}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = response.status === 204 ? {} : await response.json();
    if (!response.ok)
      throw new Error(
        `${method} ${p}: ${response.status} ${JSON.stringify(json)}`,
      );
    return json;
  };
  try {
    await waitFor(
      'the backend on :7007',
      async () => (await fetch(`${BACKEND}/api/environments/health`)).ok,
      8 * 60_000,
    );
    await waitFor(
      'the frontend on :3000',
      async () => (await fetch(FRONTEND)).ok,
      8 * 60_000,
    );
    progress('5: demo is up');
    token = (await (await fetch(`${BACKEND}/api/auth/guest/refresh`)).json())
      .backstageIdentity.token;

    progress(
      `5: creating ${options.environments} environments through POST /api/environments/environments`,
    );
    const names = Array.from(
      { length: options.environments },
      (_, i) => `${PREFIX}${String(i).padStart(4, '0')}`,
    );
    const t0 = Date.now();
    await pool(names, 8, async (name, i) => {
      await api('POST', '/api/environments/environments', {
        name,
        system: 'system:default/shop',
        owner: 'group:default/team-shop',
        mode: i % 3 === 0 ? 'preview' : 'development',
        services: [
          {
            name: 'web',
            kind: 'application',
            image: { repository: 'ghcr.io/example/web', tag: '1.0.0' },
            ports: [{ port: 3000, public: true }],
          },
          {
            name: 'api',
            kind: 'application',
            image: { repository: 'ghcr.io/example/api', tag: '1.0.0' },
            ports: [{ port: 8080, public: false }],
          },
          {
            name: 'db',
            kind: 'database',
            database: {
              engine: 'postgresql',
              version: '15',
              mode: 'container',
            },
          },
        ],
      });
      created.push(name);
      if ((i + 1) % 200 === 0)
        progress(`5:   ${i + 1}/${options.environments}`);
    });
    await waitFor(
      'all environments running',
      async () =>
        (
          await api(
            'GET',
            '/api/environments/environments?limit=1&status=provisioning',
          )
        ).totalCount === 0,
      10 * 60_000,
    );
    // The catalog gets them by change events (and a full refresh every 10 minutes): wait
    // for all of them, at most 4 minutes, then measure with what it lists (reported).
    const inCatalog = async () => {
      const { items } = await api(
        'GET',
        `/api/catalog/entities/by-query?filter=kind=environment&fields=metadata.name&limit=${
          options.environments + 500
        }`,
      );
      return items.filter((e: any) => e.metadata.name.startsWith(PREFIX))
        .length;
    };
    let last = -1;
    await waitFor(
      'the environments in the catalog',
      async () => {
        const n = await inCatalog();
        if (n !== last)
          progress(`5:   catalog lists ${n}/${options.environments}`);
        last = n;
        return n >= options.environments;
      },
      4 * 60_000,
    ).catch(() =>
      progress(
        `5:   the catalog still lists ${last} of ${options.environments}; measuring with that`,
      ),
    );
    const catalogListed = await inCatalog();
    const seedSeconds = (Date.now() - t0) / 1000;

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
      demo: demo ? 'own' : 'reused',
      environments: options.environments,
      rounds: options.rounds,
      list: [],
      costs: [],
      catalog: [],
      seedSeconds,
      signIns: 0,
      catalogListed,
    };
    try {
      const page = await browser.newPage({
        viewport: { width: 1400, height: 900 },
      });
      // sign in as guest once; the app signs in again by itself on later loads
      const enter = page.getByRole('button', { name: /enter/i }).first();
      const row = page
        .locator('tr', { hasText: new RegExp(`${PREFIX}\\d{4}`) })
        .first();
      await page.goto(`${FRONTEND}/environments`, { timeout: 120_000 });
      await Promise.race([
        enter.waitFor({ timeout: 180_000 }),
        row.waitFor({ timeout: 180_000 }),
      ]);
      if (await enter.isVisible()) await enter.click();
      await row.waitFor({ timeout: 120_000 });

      const targets: Array<
        [keyof Pick<UiResult, 'list' | 'costs' | 'catalog'>, string, () => any]
      > = [
        ['list', '/environments', () => row],
        [
          'costs',
          '/environments/costs',
          () => page.getByText('Top spenders').first(),
        ],
        // the catalog index is the app's root page; the same entities, kind filter
        [
          'catalog',
          '/?filters%5Bkind%5D=environment&filters%5Buser%5D=all',
          () => row,
        ],
      ];
      for (let round = -1; round < options.rounds; round++) {
        const order = round % 2 === 0 ? targets : [...targets].reverse();
        for (const [key, url, locator] of order) {
          const t = performance.now();
          await page.goto(`${FRONTEND}${url}`, {
            waitUntil: 'commit',
            timeout: 120_000,
          });
          // should the sign-in page show again, enter (counted, and reported)
          await Promise.race([
            locator().waitFor({ timeout: 120_000 }),
            enter.waitFor({ timeout: 120_000 }),
          ]).catch(() => {});
          if (await enter.isVisible()) {
            result.signIns++;
            await enter.click();
          }
          await locator()
            .waitFor({ timeout: 120_000 })
            .catch(async (error: Error) => {
              const shot = path.join(
                os.tmpdir(),
                `greenroom-bench-ui-${key}.png`,
              );
              await page.screenshot({ path: shot }).catch(() => {});
              throw new Error(
                `${key} page (${url}) did not become usable: ${
                  error.message.split('\n')[0]
                }; screenshot ${shot}`,
              );
            });
          const ms = performance.now() - t;
          if (round >= 0) result[key].push(ms);
        }
        if (round >= 0)
          progress(
            `5:   round ${round + 1}/${options.rounds}: list ${result.list
              .at(-1)!
              .toFixed(0)} ms, costs ${result.costs
              .at(-1)!
              .toFixed(0)} ms, catalog ${result.catalog.at(-1)!.toFixed(0)} ms`,
          );
      }
    } finally {
      await browser.close();
    }
    progress(
      `5: medians: list ${median(result.list).toFixed(0)} ms, costs ${median(
        result.costs,
      ).toFixed(0)} ms, catalog ${median(result.catalog).toFixed(0)} ms`,
    );
    return result;
  } finally {
    if (demo) {
      progress('5: stopping the own demo');
      // greenroom.sh stops the app's process group itself on TERM
      const exited = new Promise(r => demo!.once('exit', r));
      if (demo.exitCode === null) demo.kill('SIGTERM');
      const done = await Promise.race([
        exited.then(() => true),
        new Promise(r => setTimeout(() => r(false), 30_000)),
      ]);
      if (!done) {
        progress(
          '5:   the demo did not stop within 30 s; killing its process group',
        );
        try {
          process.kill(-demo.pid!, 'SIGKILL');
        } catch {}
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    } else if (created.length > 0) {
      progress(
        `5: deleting the ${created.length} environments created in the shared demo`,
      );
      await pool(created, 4, async name => {
        await api('DELETE', `/api/environments/environments/${name}`).catch(e =>
          progress(`5:   ${e.message}`),
        );
      });
    }
  }
}
