import type {
  Environment,
  ObservedEnvironment,
  Service,
  ServiceObservation,
  Variable,
} from '../schemas';
import type { ApiEnvironment, ApiService, ApiVariable } from './types';
import type { describeSharing } from '../baseline';

/**
 * What reads add about sharing: how the environment's baseline stands (see
 * `describeSharing`) and which environments share this one.
 *
 * @public
 */
export type SharingReads = {
  sharing?: ReturnType<typeof describeSharing>;
  sharedWith?: string[];
};

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

/**
 * A service as every API answer shows it, with secret values removed.
 *
 * @public
 */
export function toApiService(
  service: Service,
  observed?: ServiceObservation,
): ApiService {
  return {
    ...service,
    variables: service.variables.map(toApiVariable),
    ...(observed && { observed }),
  };
}

/**
 * The environment as every API answer shows it, with secret values removed,
 * and with what was observed of it where the answer carries that.
 *
 * @public
 */
export function toApiEnvironment(
  environment: Environment,
  observed?: ObservedEnvironment,
  shared?: SharingReads,
): ApiEnvironment {
  const sharing = shared?.sharing;
  return {
    ...environment,
    ...(sharing?.attention && {
      attention: [...environment.attention, sharing.attention],
    }),
    ...(sharing && { sharing: sharing.sharing }),
    ...(shared?.sharedWith && { sharedWith: shared.sharedWith }),
    variables: environment.variables.map(toApiVariable),
    services: environment.services.map(service =>
      toApiService(service, observed?.services.get(service.name)),
    ),
    ...(observed && { observation: observed.observation }),
  };
}
