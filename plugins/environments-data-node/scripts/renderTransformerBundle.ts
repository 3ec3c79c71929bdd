// The transformer bundled into one dependency-free CommonJS script, as the
// TypeScript module that carries it (src/bundle/transformerScript.generated.ts).
import path from 'node:path';
import { build } from 'esbuild';

const PACKAGE_DIR = path.resolve(__dirname, '..');

export const TRANSFORMER_BUNDLE_FILE = path.join(
  PACKAGE_DIR,
  'src/bundle/transformerScript.generated.ts',
);

export async function renderTransformerBundle(): Promise<string> {
  const result = await build({
    absWorkingDir: PACKAGE_DIR,
    entryPoints: ['src/transformer/main.ts'],
    bundle: true,
    platform: 'node',
    // node:22-alpine runs it; nothing newer than Node 20 is used
    target: 'node20',
    format: 'cjs',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const script = result.outputFiles[0].text;
  return [
    '// Generated from src/transformer/main.ts by `yarn generate`; do not edit.',
    '/* eslint-disable */',
    '',
    '/**',
    ' * The transformer as one dependency-free CommonJS script for a stock Node',
    ' * image: `node transformer.js < dump > restore`, rules from the JSON file',
    ' * named by `GREENROOM_DATA_RULES`, key from `GREENROOM_DATA_KEY`, the',
    " * dump's engine from `GREENROOM_DATA_ENGINE` (`postgresql`, the default, or",
    ' * `mysql` with the source database in `GREENROOM_SOURCE_DATABASE`); progress',
    ' * and the final counts as JSON lines on stderr (`parseTransformerReport`).',
    ' *',
    ' * @public',
    ' */',
    `export const DATA_TRANSFORMER_SCRIPT: string = ${JSON.stringify(script)};`,
    '',
  ].join('\n');
}
