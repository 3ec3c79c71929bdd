import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { EnvironmentsService } from '@greenroom/plugin-environments-node';

const FINISHED = ['succeeded', 'failed', 'cancelled'];
const TIMEOUT_MS = 30 * 60_000;
const POLL_MS = 2000;

/** What waiting needs of a step: its log, its cancellation and its user. */
export interface WaitingStep {
  logger: Pick<LoggerService, 'info'>;
  signal?: AbortSignal;
  getInitiatorCredentials(): Promise<BackstageCredentials>;
}

/**
 * Waits for each operation a step queued, in order, as the user who runs
 * the task: logs each newly finished step of an operation, stops when the
 * task is cancelled, and fails the step when an operation does not succeed.
 */
export async function waitForOperations(
  ctx: WaitingStep,
  environments: EnvironmentsService,
  operationIds: string[],
): Promise<void> {
  const credentials = await ctx.getInitiatorCredentials();
  for (const operationId of operationIds) {
    await waitForOperation(ctx, environments, credentials, operationId);
  }
}

async function waitForOperation(
  { logger, signal }: WaitingStep,
  environments: EnvironmentsService,
  credentials: BackstageCredentials,
  operationId: string,
) {
  const deadline = Date.now() + TIMEOUT_MS;
  const reported = new Set<string>();
  for (;;) {
    signal?.throwIfAborted();
    const operation = await environments.getOperation(operationId, {
      credentials,
    });
    for (const step of operation.steps) {
      if (step.status === 'succeeded' && !reported.has(step.name)) {
        reported.add(step.name);
        logger.info(`Step ${step.name} finished`);
      }
    }
    if (FINISHED.includes(operation.status)) {
      if (operation.status !== 'succeeded') {
        throw new Error(
          `Operation ${operation.type} ${operation.status}${
            operation.error ? `: ${operation.error}` : ''
          }`,
        );
      }
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Operation ${operationId} did not finish in time; it goes on in the background`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
  }
}
