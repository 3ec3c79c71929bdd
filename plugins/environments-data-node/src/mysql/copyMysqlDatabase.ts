import {
  type ChildProcess,
  type StdioOptions,
  spawn,
} from 'node:child_process';
import { delimiter } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DataRules } from '@greenroom/plugin-environments-common';
import type { DataLoadResult } from '@greenroom/plugin-environments-node';
import { type MysqlConnection, mysqlConnectionEnv } from './connection';
import { mysqlDumpScript } from './dumpScript';
import { MysqlDumpTransformer } from './MysqlDumpTransformer';
import { mysqlDropAllScript, mysqlRestoreScript } from './restoreScript';
import { mysqlDumpTransformStream } from './transformStream';
import { nativeHmacHasher } from '../transformer/nativeHmacHasher';

/** The end of a script's stderr kept for its error message. */
const STDERR_TAIL = 4000;

interface ScriptRun {
  child: ChildProcess;
  /** Why it failed, or undefined when it succeeded or was stopped by `stop`. */
  failure: Promise<Error | undefined>;
  stop(): void;
}

function runScript(
  name: string,
  script: string,
  connection: MysqlConnection,
  binDir: string | undefined,
  stdio: StdioOptions,
): ScriptRun {
  const path = [binDir, process.env.PATH].filter(Boolean).join(delimiter);
  // Its own process group, so that stopping it stops mysqldump or mysql too.
  // Only what the clients need from this environment.
  const child = spawn('sh', ['-c', script], {
    stdio,
    detached: true,
    env: {
      PATH: path,
      ...(process.env.TMPDIR && { TMPDIR: process.env.TMPDIR }),
      ...mysqlConnectionEnv(connection),
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
  });
  let stopped = false;
  const failure = new Promise<Error | undefined>(resolve => {
    child.on('error', error =>
      resolve(new Error(`the MySQL ${name} could not start: ${error.message}`)),
    );
    child.on('close', (code, signal) => {
      if (code === 0 || stopped) resolve(undefined);
      else {
        resolve(
          new Error(
            `the MySQL ${name} failed (${
              signal ?? `exit ${code}`
            }): ${stderr.trim()}`,
          ),
        );
      }
    });
  });
  return {
    child,
    failure,
    stop() {
      if (stopped || child.exitCode !== null || !child.pid) return;
      stopped = true;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

/**
 * Copies the `source` MySQL database into `target` on this machine: the
 * dump script, the transformer in this process, the restore script, streamed
 * (constant memory). Needs `mysqldump` and `mysql` (MySQL 8 or MariaDB) in
 * `binDir` or on the PATH. What the copy replaces and what is atomic: see
 * `mysqlRestoreScript`. The counts are the rows streamed, before rows whose
 * foreign keys point at rows left out are deleted.
 *
 * @public
 */
export async function copyMysqlDatabase(options: {
  source: MysqlConnection;
  target: MysqlConnection;
  rules: DataRules;
  transformKey: string;
  binDir?: string;
  signal?: AbortSignal;
  onProgress?: (update: { table: string; rows: number }) => void;
}): Promise<DataLoadResult> {
  const { source, target, rules, transformKey, binDir, signal, onProgress } =
    options;
  signal?.throwIfAborted();
  const transformer = new MysqlDumpTransformer({
    rules,
    database: source.database,
    hash: nativeHmacHasher(transformKey),
    onProgress: progress =>
      onProgress?.({ table: progress.table ?? '', rows: progress.rows }),
  });
  const dump = runScript('dump', mysqlDumpScript(rules), source, binDir, [
    'ignore',
    'pipe',
    'pipe',
  ]);
  const restore = runScript('restore', mysqlRestoreScript(), target, binDir, [
    'pipe',
    'ignore',
    'pipe',
  ]);
  const stopAll = () => {
    dump.stop();
    restore.stop();
  };
  signal?.addEventListener('abort', stopAll, { once: true });
  const streamed = pipeline(
    dump.child.stdout!,
    mysqlDumpTransformStream(transformer),
    restore.child.stdin!,
  ).then(
    () => undefined,
    (error: Error) => error,
  );
  // The first failure stops the other side: a restore that stops before the
  // stream's COMMIT rolls the rows back.
  for (const failed of [dump.failure, restore.failure, streamed]) {
    failed.then(error => error && stopAll());
  }
  const [restoreError, streamError, dumpError] = await Promise.all([
    restore.failure,
    streamed,
    dump.failure,
  ]);
  signal?.removeEventListener('abort', stopAll);
  // The restore's own error says most; a write to a restore that died says least.
  const error = restoreError ?? dumpError ?? streamError;
  if (error || signal?.aborted) {
    // A failure may stop the restore before it dropped the target's old
    // tables: empty it, so that a failed copy never leaves rows behind.
    const cleanup = runScript('cleanup', mysqlDropAllScript(), target, binDir, [
      'ignore',
      'ignore',
      'pipe',
    ]);
    const cleanupError = await cleanup.failure;
    signal?.throwIfAborted();
    if (cleanupError) {
      throw new Error(`${error!.message}; then ${cleanupError.message}`);
    }
    throw error;
  }
  return transformer.result();
}
