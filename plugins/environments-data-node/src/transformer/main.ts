// The transformer as a job runs it (bundled into DATA_TRANSFORMER_SCRIPT):
//   GREENROOM_DATA_RULES=rules.json GREENROOM_DATA_KEY=… node transformer.js < dump > restore
// GREENROOM_DATA_ENGINE names the dump's format: postgresql (pg_dump, the
// default) or mysql (mysqldump; GREENROOM_SOURCE_DATABASE names the source
// database, which rules without a database refer to).
// Reports progress and the final counts as JSON lines on stderr.
import { readFileSync } from 'node:fs';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataRules } from '@greenroom/plugin-environments-common';
import type { DataLoadResult } from '@greenroom/plugin-environments-node';
// The small files, not the package index: the bundle stays free of zod.
import { MysqlDumpTransformer } from '../mysql/MysqlDumpTransformer';
import { mysqlDumpTransformStream } from '../mysql/transformStream';
import { DumpTransformer } from './DumpTransformer';
import { nativeHmacHasher } from './nativeHmacHasher';
import type { TransformerReport } from './transformerReport';

/** Progress lines at most this often: the job's log is read whole at each poll. */
const PROGRESS_INTERVAL_MS = 1000;

type ColumnRules = Pick<DataRules, 'rules'>;

/** A dump's transformer: the stream the dump goes through, and its counts at the end. */
interface Transformer {
  stream: Transform;
  result(): DataLoadResult;
}

function report(line: TransformerReport) {
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

function readRules(file: string): ColumnRules {
  const rules = JSON.parse(readFileSync(file, 'utf8'));
  const valid =
    Array.isArray(rules?.rules) &&
    rules.rules.every(
      (r: any) =>
        typeof r?.column === 'string' && typeof r?.transform === 'string',
    );
  if (!valid) {
    throw new Error(
      `${file} must hold data rules: { "rules": [{ "column", "transform" }] }`,
    );
  }
  return rules;
}

function postgresTransformer(rules: ColumnRules, key: string): Transformer {
  const transformer = new DumpTransformer({
    rules,
    hash: nativeHmacHasher(key),
    progressIntervalMs: PROGRESS_INTERVAL_MS,
    onProgress: progress => report({ type: 'progress', ...progress }),
  });
  return { stream: transformer, result: () => transformer.result() };
}

function mysqlTransformer(rules: ColumnRules, key: string): Transformer {
  const database = process.env.GREENROOM_SOURCE_DATABASE;
  if (!database) {
    throw new Error(
      'GREENROOM_SOURCE_DATABASE must name the source database of a mysql dump',
    );
  }
  // It reports at each table and every 1000 rows; the log gets one a second.
  let reportedAt = 0;
  const transformer = new MysqlDumpTransformer({
    // Subsets are the dump's business: the transformer reads column rules only.
    rules: { sensitive: [], subset: [], rules: rules.rules },
    database,
    hash: nativeHmacHasher(key),
    onProgress: ({ rows, table }) => {
      const now = Date.now();
      if (!table || now - reportedAt < PROGRESS_INTERVAL_MS) return;
      reportedAt = now;
      report({ type: 'progress', table, rows });
    },
  });
  return {
    stream: mysqlDumpTransformStream(transformer),
    result: () => transformer.result(),
  };
}

const ENGINES: Record<
  string,
  (rules: ColumnRules, key: string) => Transformer
> = {
  postgresql: postgresTransformer,
  mysql: mysqlTransformer,
};

async function main() {
  const rulesFile = process.env.GREENROOM_DATA_RULES;
  const key = process.env.GREENROOM_DATA_KEY;
  const engine = process.env.GREENROOM_DATA_ENGINE || 'postgresql';
  if (!rulesFile)
    throw new Error('GREENROOM_DATA_RULES must name the rules file');
  if (!key) throw new Error('GREENROOM_DATA_KEY must hold the key of the copy');
  if (!Object.hasOwn(ENGINES, engine)) {
    throw new Error(
      `GREENROOM_DATA_ENGINE must be one of ${Object.keys(ENGINES).join(
        ', ',
      )}, not ${JSON.stringify(engine)}`,
    );
  }
  const transformer = ENGINES[engine](readRules(rulesFile), key);
  await pipeline(process.stdin, transformer.stream, process.stdout);
  report({ type: 'done', ...transformer.result() });
}

main().catch(error => {
  process.stderr.write(`greenroom transformer: ${error.message}\n`);
  process.exitCode = 1;
});
