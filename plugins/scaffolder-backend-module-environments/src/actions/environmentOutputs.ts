import type { EnvironmentsService } from '@greenroom/plugin-environments-node';
import { waitForOperations, type WaitingStep } from './waitForOperations';

/** A step that outputs the environment it is about. */
export interface EnvironmentStep {
  output(name: 'name' | 'operationId' | 'entityRef', value: string): void;
}

/**
 * Outputs the environment a step is about: its name, the operation (the
 * last one the step queued, or `dry-run`) and its catalog entity ref.
 */
export function outputEnvironment(
  ctx: EnvironmentStep,
  name: string,
  operationId: string,
) {
  ctx.output('name', name);
  ctx.output('operationId', operationId);
  ctx.output('entityRef', `environment:default/${name}`);
}

/**
 * How a step that queued operations on an environment ends: when asked, it
 * waits until they finish (failing if one does not succeed), then outputs
 * the environment with the last operation.
 */
export async function finishEnvironmentStep(
  ctx: EnvironmentStep & WaitingStep,
  environments: EnvironmentsService,
  step: { name: string; operationIds: string[]; waitUntilReady?: boolean },
) {
  const { name, operationIds } = step;
  if (step.waitUntilReady) {
    await waitForOperations(ctx, environments, operationIds);
    ctx.logger.info(`Environment ${name} is running`);
  }
  outputEnvironment(ctx, name, operationIds[operationIds.length - 1]);
}
