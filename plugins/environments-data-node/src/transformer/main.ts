// The transformer as a job runs it (bundled into DATA_TRANSFORMER_SCRIPT):
//   GREENROOM_DATA_RULES=rules.json GREENROOM_DATA_KEY=… node transformer.js < dump > restore
// Reports progress and the final counts as JSON lines on stderr.
import { readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { DataRules } from '@greenroom/plugin-environments-common';
import { DumpTransformer } from './DumpTransformer';
import { nativeHmacHasher } from './nativeHmacHasher';
import type { TransformerReport } from './transformerReport';

function report(line: TransformerReport) {
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

function readRules(file: string): Pick<DataRules, 'rules'> {
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

async function main() {
  const rulesFile = process.env.GREENROOM_DATA_RULES;
  const key = process.env.GREENROOM_DATA_KEY;
  if (!rulesFile)
    throw new Error('GREENROOM_DATA_RULES must name the rules file');
  if (!key) throw new Error('GREENROOM_DATA_KEY must hold the key of the copy');
  const transformer = new DumpTransformer({
    rules: readRules(rulesFile),
    hash: nativeHmacHasher(key),
    onProgress: progress => report({ type: 'progress', ...progress }),
  });
  await pipeline(process.stdin, transformer, process.stdout);
  report({ type: 'done', ...transformer.result() });
}

main().catch(error => {
  process.stderr.write(`greenroom transformer: ${error.message}\n`);
  process.exitCode = 1;
});
