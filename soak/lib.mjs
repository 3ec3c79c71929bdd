// Shared helpers of the reliability suite: backend processes, HTTP, PostgreSQL.
// Plain Node ESM (no build step); run through `bash scripts/greenroom.sh soak`.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SOAK_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(SOAK_DIR, '..');
export const BACKEND_DIR = path.join(ROOT, 'packages/backend');
export const require = createRequire(path.join(ROOT, 'package.json'));
const backendRequire = createRequire(path.join(BACKEND_DIR, 'package.json'));

export const sleep = ms => new Promise(r => setTimeout(r, ms));
export const log = (...args) =>
  console.log(`[soak ${new Date().toISOString().slice(11, 19)}]`, ...args);

/** A random int in [lo, hi]. */
export const randInt = (lo, hi) =>
  lo + Math.floor(Math.random() * (hi - lo + 1));

// --- PostgreSQL ----------------------------------------------------------------

export function pgConnectionString() {
  const cs = process.env.GREENROOM_SOAK_PG;
  if (!cs)
    throw new Error(
      'GREENROOM_SOAK_PG is not set (run through scripts/greenroom.sh soak)',
    );
  return cs;
}

/** A pg client on one database of the soak cluster (e.g. `soak_crash_environments`). */
export async function pgClient(database) {
  const { Client } = require('pg');
  const url = new URL(pgConnectionString());
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

/** Every database of the cluster, for the canary's plaintext scan. */
export async function listDatabases() {
  const client = await pgClient('postgres');
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY datname',
    );
    return rows.map(r => r.datname);
  } finally {
    await client.end();
  }
}

// --- HTTP -------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * A raw HTTP request (path and headers are sent as given, bodies as given
 * strings), so that the fuzzer can send what fetch() would normalise.
 * Resolves { status, headers, text, json } or rejects on a network error.
 */
export function rawRequest({
  port,
  method,
  path: reqPath,
  headers = {},
  body,
  timeoutMs = 30_000,
}) {
  return new Promise((resolve, reject) => {
    let req;
    try {
      req = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path: reqPath,
          headers,
          agent,
          timeout: timeoutMs,
        },
        res => {
          const chunks = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            resolve({
              status: res.statusCode,
              headers: res.headers,
              text,
              json,
            });
          });
          res.on('error', reject);
        },
      );
    } catch (error) {
      // Node refused to send it (e.g. a header value it considers invalid)
      error.notSent = true;
      reject(error);
      return;
    }
    req.on('timeout', () =>
      req.destroy(new Error(`timeout after ${timeoutMs} ms`)),
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A JSON API client for one backend, authenticated with the soak's static token. */
export function apiClient(port) {
  const token = process.env.GREENROOM_SOAK_TOKEN;
  const call = async (method, p, { body, headers = {}, timeoutMs } = {}) => {
    const h = { authorization: `Bearer ${token}`, ...headers };
    let payload;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    return rawRequest({
      port,
      method,
      path: p,
      headers: h,
      body: payload,
      timeoutMs,
    });
  };
  return {
    port,
    token,
    call,
    /** A request sent exactly as given (the caller sets every header). */
    raw: req => rawRequest({ port, ...req }),
    get: (p, o) => call('GET', p, o),
    post: (p, body, o = {}) => call('POST', p, { ...o, body }),
    del: (p, o) => call('DELETE', p, o),
  };
}

export function deepMerge(a, b) {
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    !a ||
    !b ||
    Array.isArray(a) ||
    Array.isArray(b)
  ) {
    return b === undefined ? a : b;
  }
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = deepMerge(a[k], v);
  return out;
}

// --- Backend processes ------------------------------------------------------------

/**
 * The demo backend (packages/backend) run the way `backstage-cli package start`
 * runs it (Node with Backstage's TypeScript transform, no watcher), in its own
 * process group so that it can be SIGKILLed as a whole.
 */
export class Backend {
  constructor({
    name,
    port,
    prefix,
    runDir,
    config = {},
    preload = [],
    env = {},
  }) {
    Object.assign(this, { name, port, prefix, runDir, preload, env });
    this.logFile = path.join(runDir, `${name}.log`);
    this.configFile = path.join(runDir, `${name}.config.json`);
    const override = deepMerge(
      {
        backend: {
          baseUrl: `http://127.0.0.1:${port}`,
          listen: { port, host: '127.0.0.1' },
          database: { prefix },
        },
      },
      config,
    );
    fs.writeFileSync(this.configFile, JSON.stringify(override, null, 2));
    this.child = undefined;
    this.starts = 0;
    this.startMs = [];
  }

  get up() {
    return Boolean(this.child && this.child.exitCode === null && this.ready);
  }

  async start({ timeoutMs = 240_000 } = {}) {
    const out = fs.openSync(this.logFile, 'a');
    fs.writeSync(
      out,
      `\n===== soak: start #${this.starts + 1} of ${
        this.name
      } at ${new Date().toISOString()} =====\n`,
    );
    const transform = backendRequire.resolve(
      '@backstage/cli-node/config/nodeTransform.cjs',
    );
    const args = [
      '--enable-source-maps',
      '--require',
      transform,
      ...this.preload.flatMap(p => ['--require', p]),
      'src/index.ts',
      '--config',
      path.join(ROOT, 'app-config.yaml'),
      '--config',
      path.join(SOAK_DIR, 'app-config.soak.yaml'),
      '--config',
      this.configFile,
    ];
    const began = Date.now();
    this.ready = false;
    const child = spawn(process.execPath, args, {
      cwd: BACKEND_DIR,
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        FORCE_COLOR: '0',
        NO_COLOR: '1',
        ESBK_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'),
        ...this.env,
      },
    });
    fs.closeSync(out);
    this.child = child;
    this.starts++;
    this.exited = new Promise(resolve =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const api = apiClient(this.port);
    while (Date.now() - began < timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `${this.name} exited during startup (see ${this.logFile})`,
        );
      }
      try {
        const res = await api.get('/api/environments/health', {
          timeoutMs: 5000,
        });
        if (res.status === 200) {
          this.ready = true;
          this.startMs.push(Date.now() - began);
          return;
        }
      } catch {
        // not listening yet
      }
      await sleep(300);
    }
    await this.kill9();
    throw new Error(
      `${this.name} was not ready within ${timeoutMs / 1000} s (see ${
        this.logFile
      })`,
    );
  }

  /** SIGKILL to the whole process group: no shutdown hook runs. */
  async kill9() {
    if (
      !this.child ||
      this.child.exitCode !== null ||
      this.child.signalCode !== null
    )
      return;
    this.ready = false;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await this.exited;
  }

  /** A graceful stop (SIGTERM, then SIGKILL after 20 s). */
  async stop() {
    if (
      !this.child ||
      this.child.exitCode !== null ||
      this.child.signalCode !== null
    )
      return;
    this.ready = false;
    try {
      process.kill(-this.child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, 20_000);
    await this.exited;
    clearTimeout(timer);
  }

  logText() {
    return fs.existsSync(this.logFile)
      ? fs.readFileSync(this.logFile, 'utf8')
      : '';
  }
}

/** Polls fn until it returns a value other than undefined. */
export async function waitFor(
  fn,
  { timeoutMs = 60_000, intervalMs = 500, what = 'a condition' } = {},
) {
  const began = Date.now();
  for (;;) {
    let value;
    try {
      value = await fn();
    } catch {
      value = undefined;
    }
    if (value !== undefined) return value;
    if (Date.now() - began > timeoutMs)
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting for ${what}`,
      );
    await sleep(intervalMs);
  }
}

/** Figures and verdicts of one check. */
export class CheckResult {
  constructor(id, title) {
    Object.assign(this, { id, title, figures: [], failures: [], notes: [] });
    this.startedAt = Date.now();
  }
  figure(label, value) {
    this.figures.push([label, value]);
    log(`  ${label}: ${value}`);
  }
  expect(ok, message) {
    if (!ok) {
      this.failures.push(message);
      log(`  FAIL: ${message}`);
    }
    return ok;
  }
  note(text) {
    this.notes.push(text);
  }
  get passed() {
    return this.failures.length === 0;
  }
  finish() {
    this.seconds = Math.round((Date.now() - this.startedAt) / 1000);
    log(
      `${this.passed ? 'PASS' : 'FAIL'} ${this.id} ${this.title} (${
        this.seconds
      } s)`,
    );
    return this;
  }
}
