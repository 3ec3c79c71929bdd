import {
  type PostgresConnection,
  postgresEnv,
} from '../postgres/PostgresConnection';
import { startScript, waitForScripts } from './runScript';

/** Runs SQL from stdin in one transaction; the first error stops it. */
const SEED_SCRIPT =
  'exec psql -X -q -v ON_ERROR_STOP=1 --single-transaction -f -';

/** Runs an SQL seed against `target` in one transaction. @public */
export async function seedPostgresDatabase(options: {
  target: PostgresConnection;
  sql: string;
  binDir?: string;
  signal?: AbortSignal;
}): Promise<void> {
  const { signal } = options;
  signal?.throwIfAborted();
  const seed = startScript({
    name: 'the seed (psql into the target)',
    script: SEED_SCRIPT,
    env: postgresEnv(options.target),
    binDir: options.binDir,
    secrets: [options.target.password],
  });
  seed.stdout.resume();
  seed.stdin.on('error', () => {
    // psql stopped reading (it failed): its stderr says why
  });
  seed.stdin.end(options.sql);
  await waitForScripts([seed], { signal });
}
