import type {
  ApiAccepted,
  ApiEnvironment,
  ApiService,
  ApiVariable,
  Environment,
  Operation,
  Service,
  Variable,
} from '@greenroom/plugin-environments-common';

/**
 * A variable as the API shows it: secrets carry `isSet`, never a value. The
 * schema of stored variables guarantees a value's value and an alias's
 * target, which their type leaves optional.
 */
function toApiVariable({ key, kind, value, aliasOf }: Variable): ApiVariable {
  switch (kind) {
    case 'secret':
      return { key, kind, isSet: true };
    case 'alias':
      return { key, kind, aliasOf: aliasOf ?? '' };
    case 'value':
      return { key, kind, value: value ?? '' };
    default:
      return { key, kind, value };
  }
}

/** A service as every API answer shows it, with secret values removed. */
export function toApiService(service: Service): ApiService {
  return { ...service, variables: service.variables.map(toApiVariable) };
}

/** The environment as every API answer shows it, with secret values removed. */
export function toApiEnvironment(environment: Environment): ApiEnvironment {
  return {
    ...environment,
    variables: environment.variables.map(toApiVariable),
    services: environment.services.map(toApiService),
  };
}

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
