import type {
  Environment,
  Variable,
} from '@greenroom/plugin-environments-common';

/** A variable as the API shows it: secrets carry `isSet`, never a value. */
export type ApiVariable =
  | Exclude<Variable, { kind: 'secret' }>
  | { key: string; kind: 'secret'; isSet: boolean };

export type ApiEnvironment = Omit<Environment, 'variables' | 'services'> & {
  variables: ApiVariable[];
  services: Array<
    Omit<Environment['services'][number], 'variables'> & {
      variables: ApiVariable[];
    }
  >;
};

function toApiVariable(variable: Variable): ApiVariable {
  if (variable.kind === 'secret') {
    return { key: variable.key, kind: 'secret', isSet: true };
  }
  return variable as ApiVariable;
}

/** The environment as every API answer shows it, with secret values removed. */
export function toApiEnvironment(environment: Environment): ApiEnvironment {
  return {
    ...environment,
    variables: environment.variables.map(toApiVariable),
    services: environment.services.map(service => ({
      ...service,
      variables: service.variables.map(toApiVariable),
    })),
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
  operation: unknown;
}) {
  return {
    environment: result.environment && toApiEnvironment(result.environment),
    operation: result.operation,
  };
}
