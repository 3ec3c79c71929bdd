import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { EnvironmentsService } from '@greenroom/plugin-environments-node';
import type { Operation } from '@greenroom/plugin-environments-common';

const FINISHED = ['succeeded', 'failed', 'cancelled'];

/**
 * Polls an operation until it finishes, logging each newly finished step, and
 * throws when it did not succeed.
 */
export async function waitForOperation(options: {
  environments: EnvironmentsService;
  credentials: BackstageCredentials;
  operationId: string;
  logger: { info(message: string): void };
  signal?: AbortSignal;
  timeoutMs?: number;
  pollMs?: number;
}): Promise<Operation> {
  const { environments, credentials, operationId, logger, signal } = options;
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
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
      return operation;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Operation ${operationId} did not finish in time; it goes on in the background`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, options.pollMs ?? 2000));
  }
}
