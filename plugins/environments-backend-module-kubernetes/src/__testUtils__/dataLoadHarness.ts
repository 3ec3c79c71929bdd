// Shared helpers of the loadData tests: a data load's context, and its Job in the double.
import type {
  DataLoadContext,
  DataLoadProgress,
} from '@greenroom/plugin-environments-node';
import type { KubernetesApiDouble } from '../testing/KubernetesApiDouble';
import { context } from './runtimeHarness';

/** A data load's context that records the progress it is told. */
export function dataContext(signal = new AbortController().signal) {
  const reported: DataLoadProgress[] = [];
  const ctx: DataLoadContext & {
    reported: DataLoadProgress[];
    keys: string[];
  } = {
    ...context(),
    signal,
    reported,
    progress: update => reported.push(update),
  };
  return ctx;
}

/** The first truthy value of `probe`, polled for up to 5 seconds. */
export async function until<T>(probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = probe();
    if (value) return value;
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  throw new Error('timed out waiting');
}

/** One line of the transformer's log. */
export const report = (value: object) => JSON.stringify(value);

/** A container's env by name: values, or their `valueFrom`. */
export const envOf = (container: any) =>
  Object.fromEntries(
    container.env.map((e: any) => [e.name, e.value ?? e.valueFrom]),
  );

/** A Secret's data, decoded. */
export const secretData = (secret: any): Record<string, string> =>
  Object.fromEntries(
    Object.entries(secret.data).map(([k, v]) => [
      k,
      Buffer.from(String(v), 'base64').toString(),
    ]),
  );

/** The data Jobs in a namespace of the double. */
export const dataJobsIn = (double: KubernetesApiDouble, namespace: string) =>
  double.objects({
    kind: 'Job',
    namespace,
    labelSelector: 'greenroom.dev/data-load',
  });

/**
 * The load's Job (the one named `name` when given), once its Secret is
 * handed to it (the last step of starting).
 */
export const startedJobIn = (
  double: KubernetesApiDouble,
  namespace: string,
  name?: string,
) =>
  until(() =>
    dataJobsIn(double, namespace).find(
      job =>
        (name === undefined || job.metadata.name === name) &&
        double.get('Secret', namespace, job.metadata.name)?.metadata
          .ownerReferences,
    ),
  );
