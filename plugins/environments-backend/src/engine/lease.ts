import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EnvironmentsStore } from '../storage/types';
import { LeaseLostError, messageOf } from './errors';

/**
 * Renews the lease of a running operation every third of it; returns a
 * function that stops. Aborts the run with a {@link LeaseLostError} when
 * another owner took the operation, or when renewals failed for a whole
 * lease: past it another replica may run the operation.
 */
export function keepLease(options: {
  store: Pick<EnvironmentsStore, 'renewLease'>;
  operationId: string;
  ownerId: string;
  leaseMs: number;
  logger: LoggerService;
  /** The run's controller: aborted when the lease is lost. */
  controller: AbortController;
}): () => void {
  const { store, operationId, ownerId, leaseMs, logger, controller } = options;
  let lastRenewed = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const renew = async () => {
    if (stopped || controller.signal.aborted) {
      return;
    }
    try {
      if (!(await store.renewLease(operationId, ownerId, leaseMs))) {
        controller.abort(
          new LeaseLostError('Another owner took over the operation'),
        );
        return;
      }
      lastRenewed = Date.now();
    } catch (error) {
      logger.warn(`Could not renew the lease: ${messageOf(error)}`);
      if (Date.now() - lastRenewed >= leaseMs) {
        controller.abort(new LeaseLostError('The lease expired'));
        return;
      }
    }
    if (!stopped) {
      timer = setTimeout(renew, leaseMs / 3);
    }
  };
  timer = setTimeout(renew, leaseMs / 3);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
