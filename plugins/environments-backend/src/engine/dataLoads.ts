import type { CloneDataStep } from '@greenroom/plugin-environments-common';

/** A database of a clone that gets data after it is applied. */
export type DataLoadStep = CloneDataStep & { action: 'copy' | 'run-seed' };

/**
 * The copies and seeds a clone operation's input asks for (`data`, the
 * plan's data steps, as the clone command stored them); none for any other
 * input.
 */
export function dataLoadsOf(input: unknown): DataLoadStep[] {
  const data = (input as { data?: unknown } | null | undefined)?.data;
  if (!Array.isArray(data)) return [];
  return data.filter(
    (step): step is DataLoadStep =>
      typeof step?.service === 'string' &&
      (step.action === 'copy' || step.action === 'run-seed'),
  );
}
