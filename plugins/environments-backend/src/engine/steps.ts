import type { OperationType } from '@greenroom/plugin-environments-common';
import { dataLoadsOf } from './dataLoads';

/** The steps of each operation type, in order; queue operations with these. */
export const OPERATION_STEPS: Readonly<Record<OperationType, string[]>> = {
  create: ['resolve', 'apply', 'observe'],
  clone: ['resolve', 'apply', 'observe'],
  update: ['resolve', 'apply', 'observe'],
  stop: ['stop'],
  start: ['start', 'observe'],
  destroy: ['destroy', 'cleanup'],
  extend: ['extend'],
};

/**
 * A fresh copy of the step names of an operation, for `NewOperation.steps`.
 * A clone that copies or seeds databases loads them in a `data` step once
 * they are applied, before they are observed.
 */
export function stepsFor(type: OperationType, input?: unknown): string[] {
  const steps = [...OPERATION_STEPS[type]];
  if (type === 'clone' && dataLoadsOf(input).length > 0) {
    steps.splice(steps.indexOf('observe'), 0, 'data');
  }
  return steps;
}
