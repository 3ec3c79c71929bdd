import {
  toApiEnvironment,
  type ApiAccepted,
  type Environment,
  type Operation,
} from '@greenroom/plugin-environments-common';

/**
 * An operation as the API shows it: the fields of `Operation` only, none of
 * the engine's (lease, checkpoints, attempts, input).
 */
export function toApiOperation(operation: Operation): Operation {
  // Optional fields left undefined are not written to JSON.
  return {
    id: operation.id,
    environmentId: operation.environmentId,
    type: operation.type,
    status: operation.status,
    steps: operation.steps,
    idempotencyKey: operation.idempotencyKey,
    requestedBy: operation.requestedBy,
    error: operation.error,
    createdAt: operation.createdAt,
    updatedAt: operation.updatedAt,
  };
}

/**
 * Set to `true` on the answer to a request replayed by its Idempotency-Key:
 * nothing was changed now (as Stripe's API does).
 */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** The `202 Accepted` body of a mutation: the environment (if any) and its operation. */
export function toAcceptedResponse(result: {
  environment?: Environment;
  operation: Operation;
}): ApiAccepted {
  return {
    environment: result.environment && toApiEnvironment(result.environment),
    operation: toApiOperation(result.operation),
  };
}
