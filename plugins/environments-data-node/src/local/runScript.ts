import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** The last characters of a tool's stderr kept for the error message. */
const STDERR_KEPT = 4000;

/** A shell script running in a process group of its own. */
export interface ScriptProcess {
  stdin: Writable;
  stdout: Readable;
  /** Resolves when the script exits 0; rejects with its stderr otherwise. */
  exited: Promise<void>;
  /** Stops the script and every tool it started. */
  kill(): void;
  /** Whether `kill` ended it (not its own failure): then it is not the cause. */
  readonly stopped: boolean;
}

/**
 * Runs `sh -c script` with `env` over this process's environment (without
 * its `PG*` variables, which would change the connection), `binDir` first
 * on the PATH. `secrets` are masked in the error message.
 */
export function startScript(options: {
  name: string;
  script: string;
  env: Record<string, string>;
  binDir?: string;
  secrets?: string[];
}): ScriptProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('PG')),
  );
  const PATH = [options.binDir, process.env.PATH]
    .filter(Boolean)
    .join(path.delimiter);
  const child = spawn('sh', ['-c', options.script], {
    env: { ...inherited, PATH, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_KEPT);
  });
  const mask = (text: string) =>
    (options.secrets ?? [])
      .filter(Boolean)
      .reduce((t, secret) => t.split(secret).join('***'), text);
  let running = true;
  let killed = false;
  let stopped = false;
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', error => {
      running = false;
      reject(new Error(`${options.name} could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      running = false;
      stopped = killed && signal !== null;
      if (code === 0) resolve();
      else {
        const how = signal
          ? `was stopped (${signal})`
          : `failed (exit code ${code})`;
        reject(new Error(`${options.name} ${how}: ${mask(stderr.trim())}`));
      }
    });
  });
  return {
    stdin: child.stdin,
    stdout: child.stdout,
    exited,
    get stopped() {
      return stopped;
    },
    kill() {
      if (running && child.pid) {
        killed = true;
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    },
  };
}

/**
 * Waits for scripts that work together, and for the streams between them.
 * When one fails the others are stopped; the error is the first script's to
 * fail on its own (in time), else the streams', else a stopped script's: a
 * failing script makes the streams break and the others get stopped, not
 * the other way round. Aborting stops them all.
 */
export async function waitForScripts(
  scripts: ScriptProcess[],
  options: { signal?: AbortSignal; alongside?: Promise<unknown>[] } = {},
): Promise<void> {
  const { signal } = options;
  const scriptFailures: Error[] = [];
  const streamFailures: Error[] = [];
  const stoppedFailures: Error[] = [];
  const stopAll = () => scripts.forEach(s => s.kill());
  signal?.addEventListener('abort', stopAll, { once: true });
  const watch = (step: Promise<unknown>, failures: () => Error[]) =>
    step.catch(error => {
      failures().push(error);
      stopAll();
    });
  try {
    await Promise.all([
      ...scripts.map(s =>
        watch(s.exited, () => (s.stopped ? stoppedFailures : scriptFailures)),
      ),
      ...(options.alongside ?? []).map(step =>
        watch(step, () => streamFailures),
      ),
    ]);
  } finally {
    signal?.removeEventListener('abort', stopAll);
  }
  signal?.throwIfAborted();
  const failure = scriptFailures[0] ?? streamFailures[0] ?? stoppedFailures[0];
  if (failure) throw failure;
}
