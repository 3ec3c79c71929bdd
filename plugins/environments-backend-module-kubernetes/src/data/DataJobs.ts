import {
  RuntimeError,
  delay,
  type DataLoadContext,
  type DataLoadResult,
} from '@greenroom/plugin-environments-node';
import { ClusterApi, refOf } from '../cluster/ClusterApi';
import type { KubeObject } from '../render/types';
import { KINDS } from '../runtime/kinds';
import { podProblem } from '../runtime/podProblems';
import { formatMs, type RuntimeScope, type Workload } from '../runtime/scope';
import type { DataJob } from './dataJobFor';
import { failedContainers, hasStarted, jobState } from './jobState';
import { quoteLog, readTransformerLog } from './transformerLog';

/** The label the Job controller puts on its pods: the Job's uid. */
const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
/** Log lines read from a failed container to quote. */
const FAILED_LOG_LINES = 50;

/**
 * Runs data Jobs to the end: starts one (or finds the one an earlier
 * attempt of the same operation started, since its name is the same),
 * reports the transformer's progress, and returns its counts or fails with
 * the end of the failing container's log.
 */
export class DataJobs {
  constructor(private readonly scope: RuntimeScope) {}

  async run(
    api: ClusterApi,
    run: DataJob,
    ctx: DataLoadContext,
  ): Promise<DataLoadResult> {
    const { signal } = ctx;
    let job = (await api.read(refOf(run.objects.job), { signal })) as
      | Workload
      | undefined;
    if (job && jobState(job).phase === 'failed') {
      ctx.logger.info('Deleting the failed data job of an earlier attempt', {
        job: job.metadata.name,
      });
      await this.#delete(api, run, signal);
      job = undefined;
    }
    if (job) {
      ctx.logger.info('Waiting for the data job an earlier attempt started', {
        job: job.metadata.name,
      });
    } else {
      job = await this.#create(api, run, signal);
    }
    await this.#ownedByJob(api, run, job, signal);
    const result = await this.#wait(api, run, ctx);
    // Its ConfigMap and Secret go with it.
    await api.delete(refOf(run.objects.job), { signal });
    return result;
  }

  async #create(api: ClusterApi, run: DataJob, signal: AbortSignal) {
    const { configMap, secret, job } = run.objects;
    for (const object of [configMap, secret]) {
      if (object) await api.apply(object, { signal });
    }
    return (await api.apply(job, { signal })) as Workload;
  }

  /**
   * The ConfigMap and Secret are written before the Job (its pod needs
   * them), then handed to it, so they go when it does (on success, or by
   * its `ttlSecondsAfterFinished`). Done on every attempt: an attempt
   * interrupted between the two steps leaves them unowned.
   */
  async #ownedByJob(
    api: ClusterApi,
    run: DataJob,
    job: KubeObject,
    signal: AbortSignal,
  ) {
    const owner = {
      apiVersion: KINDS.Job,
      kind: 'Job',
      name: job.metadata.name,
      uid: job.metadata.uid,
    };
    for (const object of [run.objects.configMap, run.objects.secret]) {
      if (!object) continue;
      await api.mergePatch(
        refOf(object),
        { metadata: { ownerReferences: [owner] } },
        { signal },
      );
    }
  }

  /** Deletes a finished attempt's objects and waits until its Job is gone. */
  async #delete(api: ClusterApi, run: DataJob, signal: AbortSignal) {
    const { configMap, secret, job } = run.objects;
    for (const object of [job, configMap, secret]) {
      if (object) await api.delete(refOf(object), { signal });
    }
    while (await api.read(refOf(job), { signal })) {
      await delay(this.scope.options.pollIntervalMs, signal);
    }
  }

  async #wait(
    api: ClusterApi,
    run: DataJob,
    ctx: DataLoadContext,
  ): Promise<DataLoadResult> {
    const { signal } = ctx;
    const ref = refOf(run.objects.job);
    let reported = '';
    for (;;) {
      const job = (await api.read(ref, { signal })) as Workload | undefined;
      if (!job) {
        throw new RuntimeError(
          `${run.title}: its Job ${ref.name} was deleted before it finished; the database may be empty`,
          { transient: false, code: 'DataJobGone' },
        );
      }
      const pod = await this.#pod(api, job, signal);
      const { progress, result } = readTransformerLog(
        await this.#reports(api, run, pod, ctx),
      );
      if (progress && JSON.stringify(progress) !== reported) {
        reported = JSON.stringify(progress);
        ctx.progress(progress);
      }
      const state = jobState(job);
      if (state.phase === 'complete') {
        return result ?? { rows: 0, tables: [] };
      }
      if (state.phase === 'failed') {
        throw await this.#failure(
          api,
          run,
          pod,
          state.reason === 'DeadlineExceeded'
            ? `did not finish within ${formatMs(
                this.scope.options.data.timeoutMs,
              )} (DeadlineExceeded)`
            : `its Job failed${state.reason ? ` (${state.reason})` : ''}`,
          signal,
        );
      }
      // A pod that cannot start would otherwise wait for the deadline.
      const problem = pod && podProblem(ref.name, [pod]);
      if (problem) {
        const error = await this.#failure(api, run, pod, problem, signal);
        await api.delete(ref, { signal });
        throw error;
      }
      await delay(this.scope.options.pollIntervalMs, signal);
    }
  }

  /** The Job's pod: by its uid, so a deleted attempt's pods never count. */
  async #pod(api: ClusterApi, job: KubeObject, signal: AbortSignal) {
    const pods = await api.list(
      KINDS.Pod,
      'Pod',
      job.metadata.namespace,
      `${CONTROLLER_UID_LABEL}=${job.metadata.uid}`,
      { signal },
    );
    return pods
      .sort((a, b) =>
        String(a.metadata.creationTimestamp).localeCompare(
          String(b.metadata.creationTimestamp),
        ),
      )
      .pop() as Workload | undefined;
  }

  /** The transformer's log so far; progress is not worth failing a load for. */
  async #reports(
    api: ClusterApi,
    run: DataJob,
    pod: Workload | undefined,
    ctx: DataLoadContext,
  ): Promise<string> {
    if (!pod || !run.reportsFrom || !hasStarted(pod, run.reportsFrom)) {
      return '';
    }
    try {
      return await api.podLog(
        pod.metadata.namespace!,
        pod.metadata.name,
        run.reportsFrom,
        { signal: ctx.signal },
      );
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      ctx.logger.warn('Could not read the progress of a data job', {
        pod: pod.metadata.name,
        error: (error as Error).message,
      });
      return '';
    }
  }

  /** The error of a failed load, quoting the end of each failed container's log. */
  async #failure(
    api: ClusterApi,
    run: DataJob,
    pod: Workload | undefined,
    why: string,
    signal: AbortSignal,
  ): Promise<RuntimeError> {
    const quotes = await Promise.all(
      failedContainers(pod).map(async container => {
        const log = await api
          .podLog(
            pod!.metadata.namespace!,
            pod!.metadata.name,
            container.name,
            {
              signal,
              tailLines: FAILED_LOG_LINES,
            },
          )
          .catch(() => '');
        const quoted = quoteLog(log, run.secrets);
        return `${container.name} exited with code ${container.exitCode}${
          quoted ? `: ${quoted}` : ''
        }`;
      }),
    );
    return new RuntimeError(
      `${run.title} failed: ${why}; ${run.afterFailure}${
        quotes.length > 0 ? `. ${quotes.join('; ')}` : ''
      }`,
      { transient: false, code: 'DataLoadFailed' },
    );
  }
}
