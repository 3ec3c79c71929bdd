import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  DataLoad,
  DataLoadProgress,
  ResolvedEnvironment,
} from '@greenroom/plugin-environments-node';
import type {
  EnvironmentsStore,
  OperationRecord,
  StoredEnvironment,
} from '../storage/types';
import { type DataLoadStep, dataLoadsOf } from './dataLoads';
import { messageOf } from './errors';
import type { RuntimeCalls } from './RuntimeCalls';

/** Progress is written to the step's message at most this often by default. */
const PROGRESS_INTERVAL_MS = 3_000;

type LoadSummary = { rows: number; tables: { table: string; rows: number }[] };

export interface DataStepOptions {
  environment: StoredEnvironment;
  operation: Pick<OperationRecord, 'id' | 'input'>;
  calls: Pick<RuntimeCalls, 'runtime' | 'resolveOther' | 'redact'>;
  store: Pick<
    EnvironmentsStore,
    'getEnvironmentById' | 'updateEnvironmentSpec'
  >;
  logger: LoggerService;
  /** The key of this operation's copies (the same for every attempt). */
  transformKey: () => string;
  /** Shows how far the step has come in its message. */
  report: (message: string) => Promise<void>;
  progressIntervalMs?: number;
  signal: AbortSignal;
}

const count = (n: number) => n.toLocaleString('en-US');

function summary(step: DataLoadStep, result: LoadSummary): string {
  if (step.action === 'run-seed' && result.rows === 0) {
    return `${step.service}: seeded`;
  }
  const tables = result.tables.length;
  return `${step.service}: ${count(result.rows)} rows in ${tables} table${
    tables === 1 ? '' : 's'
  }`;
}

/**
 * The `data` step of a clone: copies or seeds each database the plan says,
 * one checkpoint per database, so a resumed operation skips those already
 * loaded. A failed load fails the operation and leaves an attention item on
 * the environment saying the database was left empty and why. Returns the
 * step's message: what each database got.
 */
export async function dataStep(options: DataStepOptions): Promise<string> {
  const { environment, calls, signal } = options;
  const done: string[] = [];
  let source: Promise<ResolvedEnvironment> | undefined;
  const sourceOf = () => (source ??= resolveSource(options));

  for (const step of dataLoadsOf(options.operation.input)) {
    const progress = throttled(options.progressIntervalMs, update =>
      options.report(
        [
          ...done,
          `${step.service}: ${count(update.rows)} rows${
            update.table ? ` (${update.table})` : ''
          }`,
        ].join('; '),
      ),
    );
    try {
      const result = await calls.runtime('data', (runtime, env, ctx) =>
        ctx.checkpoint(step.service, async (): Promise<LoadSummary> => {
          if (!runtime.loadData) {
            throw new Error(
              `the ${runtime.type} runtime cannot load data into databases`,
            );
          }
          const load: DataLoad = {
            service: step.service,
            engine: step.engine,
            action: step.action === 'copy' ? 'copy' : 'seed',
            transformKey: options.transformKey(),
            ...(step.action === 'copy'
              ? { rules: step.rules, source: await sourceOf() }
              : { seed: step.seed }),
          };
          const loaded = await runtime.loadData(env, load, {
            ...ctx,
            progress,
          });
          return {
            rows: loaded.rows,
            tables: loaded.tables.map(t => ({ table: t.table, rows: t.rows })),
          };
        }),
      );
      done.push(summary(step, result));
    } catch (error) {
      if (signal.aborted) throw error;
      const why = calls.redact(messageOf(error));
      await leftEmpty(options, step.service, why);
      throw new Error(`${step.service}: ${why}`);
    }
  }
  return done.join('; ') || `No data to load into ${environment.name}`;
}

/** The environment a copy reads from: the clone's source, with its credentials. */
async function resolveSource(
  options: DataStepOptions,
): Promise<ResolvedEnvironment> {
  const { environment, store, calls } = options;
  const id = environment.origin.sourceEnvironmentId;
  const source = id ? await store.getEnvironmentById(id) : undefined;
  if (!source || source.desiredState === 'deleted') {
    throw new Error(
      `the environment ${environment.name} was cloned from is gone: nothing to copy`,
    );
  }
  return calls.resolveOther(source);
}

/** Calls `write` with the newest update, at most once per interval. */
function throttled(
  intervalMs: number = PROGRESS_INTERVAL_MS,
  write: (update: DataLoadProgress) => Promise<void>,
): (update: DataLoadProgress) => void {
  let last: number | undefined;
  return update => {
    const now = Date.now();
    if (last !== undefined && now - last < intervalMs) return;
    last = now;
    // A lost lease aborts the run; the load notices through its signal.
    write(update).catch(() => {});
  };
}

async function leftEmpty(
  options: DataStepOptions,
  service: string,
  why: string,
): Promise<void> {
  const { store, environment, logger } = options;
  const item = `data:${service}`;
  try {
    const current = await store.getEnvironmentById(environment.id);
    if (!current) return;
    await store.updateEnvironmentSpec(
      current.name,
      {
        attention: [
          ...current.attention.filter(a => a.item !== item),
          {
            item,
            reason: `${service} was left empty: loading its data failed (${why})`,
          },
        ],
      },
      {},
    );
  } catch (error) {
    logger.warn(
      `Could not note that ${service} was left empty: ${messageOf(error)}`,
    );
  }
}
