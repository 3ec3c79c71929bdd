import type { AttentionItem, Environment } from '../schemas/environment';
import { type SharedService, sharedServicesOf } from '../variables';

/** What the reads of an environment with a baseline say about it. @public */
export type EnvironmentSharing = {
  /** The base's services it reaches there instead of deploying them (what their built-ins need). */
  services: SharedService[];
  /** How the base is; absent once it is destroyed. */
  base?: Pick<Environment, 'desiredState' | 'status'>;
};

/** The attention item of an environment whose base does not serve. @public */
export const BASE_DOWN_ITEM = 'baseline';

const SERVING = new Set<Environment['status']>(['running', 'degraded']);

/**
 * How an environment's sharing stands, given its base as it is now (or
 * undefined when the base is gone), and what the environment's status must
 * add when the base is down: its shared services do not answer then.
 *
 * @public
 */
export function describeSharing(
  environment: Pick<Environment, 'baseline' | 'services'>,
  base:
    | Pick<Environment, 'name' | 'services' | 'desiredState' | 'status'>
    | undefined,
): { sharing: EnvironmentSharing; attention?: AttentionItem } | undefined {
  const { baseline } = environment;
  if (!baseline) return undefined;
  if (!base || base.desiredState === 'deleted') {
    return {
      sharing: { services: [] },
      attention: {
        item: `${BASE_DOWN_ITEM}:${baseline.environment}`,
        reason: `its base ${baseline.environment} is destroyed: the services it shared do not answer`,
      },
    };
  }
  const services = sharedServicesOf(base, environment).map(
    ({ name, kind, ports, database }) => ({
      name,
      kind,
      ports,
      ...(database && { database }),
    }),
  );
  const sharing = {
    services,
    base: { desiredState: base.desiredState, status: base.status },
  };
  if (services.length === 0 || SERVING.has(base.status)) return { sharing };
  return {
    sharing,
    attention: {
      item: `${BASE_DOWN_ITEM}:${base.name}`,
      reason: `its base ${base.name} is ${base.status}: ${services
        .map(s => s.name)
        .join(', ')} do not answer until it runs again`,
    },
  };
}
