// The curve (`bash scripts/greenroom.sh bench --curve`): the list API, the
// policy sweep and the month cost report at 1,000, 10,000 and 100,000
// environments. Each size is seeded in a child process, then each
// measurement runs in a fresh child of its own, so that every peak memory
// figure belongs to one measurement. Writes bench/CURVE.md and bench/curve.svg.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { machine, postgresVersion, progress, recreateDatabase } from './lib';
import type { FixtureStats } from './fixture';
import {
  CURVE_DB,
  CURVE_STEPS,
  RESULT_PREFIX,
  runCurveStep,
  type CurveStep,
  type StepOutput,
} from './curveStep';
import { renderCurveMarkdown } from './curveReport';
import { renderCurveSvg } from './curveSvg';

export const CURVE_SIZES = [1000, 10000, 100000];
/** Every step's result, appended as it finishes (one `CURVE_RESULT {json}` line each). */
export const STEPS_LOG =
  process.env.GREENROOM_CURVE_LOG ??
  path.join(os.tmpdir(), 'greenroom-curve-steps.jsonl');
/** Heap limit of the children: the ledger-only report inside runCostBench reads every interval of the month. */
export const CHILD_HEAP_MB = 12288;

export interface CurveRun {
  info: Record<string, string>;
  sizes: number[];
  steps: StepOutput[];
  minutes: number;
}

function runStep(
  step: CurveStep,
  size: number,
  fixture?: FixtureStats,
): Promise<StepOutput> {
  const args = [
    `--max-old-space-size=${CHILD_HEAP_MB}`,
    path.join(__dirname, 'run.js'),
    '--curve-step',
    step,
    '--size',
    String(size),
  ];
  if (fixture) args.push('--fixture', JSON.stringify(fixture));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', chunk => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', code => {
      const line = stdout.split('\n').find(l => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        reject(new Error(`curve step ${step} at ${size} exited with ${code}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_PREFIX.length)));
    });
  });
}

export async function runCurve(options: {
  sizes: number[];
  /** Where CURVE.md, curve.svg and curve-run.json go (not curve.json: require would take it for curve.ts); none: print only. */
  outDir?: string;
}): Promise<number> {
  const info = machine();
  info.postgres = await postgresVersion();
  progress(
    `curve: sizes ${options.sizes.join(', ')}; load ${
      info['load average at start (1/5/15 min)']
    }`,
  );
  const started = Date.now();
  const steps: StepOutput[] = [];
  for (const size of options.sizes) {
    await recreateDatabase(CURVE_DB);
    let fixture: FixtureStats | undefined;
    for (const step of CURVE_STEPS) {
      progress(`curve ${size}: ${step} (child process)`);
      const out = await runStep(step, size, fixture);
      if (step === 'seed') fixture = out.result;
      steps.push(out);
      if (options.outDir) {
        // written as it goes, so that an interrupted run keeps what it measured
        writeFileSync(
          path.join(options.outDir, 'curve-run.json'),
          `${JSON.stringify(
            {
              info,
              sizes: options.sizes,
              steps,
              minutes: (Date.now() - started) / 60_000,
            },
            null,
            1,
          )}\n`,
        );
      }
      progress(
        `curve ${size}: ${step} done in ${(out.wallMs / 1000).toFixed(
          1,
        )} s, peak RSS ${(out.maxRssKb / 1024).toFixed(0)} MiB`,
      );
    }
  }
  await recreateDatabase(CURVE_DB); // frees the disk of the largest size
  info['load average at end (1/5/15 min)'] = os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ');
  const run: CurveRun = {
    info,
    sizes: options.sizes,
    steps,
    minutes: (Date.now() - started) / 60_000,
  };
  if (options.outDir) {
    writeFileSync(
      path.join(options.outDir, 'curve-run.json'),
      `${JSON.stringify(run, null, 1)}\n`,
    );
    renderCurve(options.outDir);
  } else {
    console.log(renderCurveMarkdown(run));
    progress(
      'curve: partial run (sizes given): CURVE.md and curve.svg not written',
    );
  }
  return 0;
}

/** Writes CURVE.md and curve.svg from the curve-run.json of a run in `dir`. */
export function renderCurve(dir: string) {
  const run: CurveRun = JSON.parse(
    readFileSync(path.join(dir, 'curve-run.json'), 'utf8'),
  );
  const markdown = renderCurveMarkdown(run);
  console.log(markdown);
  writeFileSync(path.join(dir, 'CURVE.md'), markdown);
  writeFileSync(path.join(dir, 'curve.svg'), renderCurveSvg(run));
  progress(`curve: wrote CURVE.md, curve.svg and curve-run.json in ${dir}`);
}

/** The child's side: `run.js --curve-step <step> --size N [--fixture json]`. */
export async function curveChild(
  step: string,
  size: number,
  fixture?: string,
): Promise<number> {
  if (!(CURVE_STEPS as readonly string[]).includes(step)) {
    throw new Error(`unknown curve step '${step}'`);
  }
  const out = await runCurveStep(
    step as CurveStep,
    size,
    fixture ? JSON.parse(fixture) : undefined,
  );
  const line = `${RESULT_PREFIX}${JSON.stringify(out)}\n`;
  // also kept outside the parent, so that an interrupted run keeps what it measured
  appendFileSync(STEPS_LOG, line);
  process.stdout.write(line);
  return 0;
}
