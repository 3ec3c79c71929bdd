import type { OperationType } from '@greenroom/plugin-environments-common';

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

/** A fresh copy of the step names of an operation type, for `NewOperation.steps`. */
export function stepsFor(type: OperationType): string[] {
  return [...OPERATION_STEPS[type]];
}
