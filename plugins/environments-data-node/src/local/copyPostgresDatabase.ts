import { pipeline } from 'node:stream/promises';
import type { DataRules } from '@greenroom/plugin-environments-common';
import type { DataLoadResult } from '@greenroom/plugin-environments-node';
import {
  type PostgresConnection,
  postgresEnv,
} from '../postgres/PostgresConnection';
import { postgresDumpScript } from '../postgres/postgresDumpScript';
import { postgresRestoreScript } from '../postgres/postgresRestoreScript';
import { DumpTransformer } from '../transformer/DumpTransformer';
import { nativeHmacHasher } from '../transformer/nativeHmacHasher';
import { startScript, waitForScripts } from './runScript';

/**
 * Copies `source` into `target` on this machine: the dump script, the
 * transformer in this process, the restore script, streamed (constant
 * memory). Needs `pg_dump` and `psql` in `binDir` or on the PATH. The
 * counts are the rows streamed, before rows whose foreign keys point at
 * rows a subset left out are deleted.
 *
 * @public
 */
export async function copyPostgresDatabase(options: {
  source: PostgresConnection;
  target: PostgresConnection;
  rules: DataRules;
  transformKey: string;
  binDir?: string;
  signal?: AbortSignal;
  onProgress?: (update: { table: string; rows: number }) => void;
}): Promise<DataLoadResult> {
  const { source, target, signal } = options;
  signal?.throwIfAborted();
  const secrets = [source.password, target.password, options.transformKey];
  const dump = startScript({
    name: 'the dump (pg_dump of the source)',
    script: postgresDumpScript(options.rules),
    env: postgresEnv(source),
    binDir: options.binDir,
    secrets,
  });
  const restore = startScript({
    name: 'the restore (psql into the target)',
    script: postgresRestoreScript(),
    env: postgresEnv(target),
    binDir: options.binDir,
    secrets,
  });
  dump.stdin.end();
  restore.stdout.resume();
  const transformer = new DumpTransformer({
    rules: options.rules,
    hash: nativeHmacHasher(options.transformKey),
    onProgress: options.onProgress,
  });
  const stream = pipeline(dump.stdout, transformer, restore.stdin).catch(
    error => {
      throw new Error(`the transformer failed: ${error.message}`);
    },
  );
  await waitForScripts([dump, restore], { signal, alongside: [stream] });
  return transformer.result();
}
