import type { ServiceKind } from '../constants';
import type { ServiceObservation } from '../schemas/observation';

/**
 * The address to open an environment at: the first public URL of its
 * services, application services first (a database's console is rarely what
 * a visitor wants). A stopped environment keeps its URLs, since visiting one
 * wakes it. Undefined until a service with a public URL was observed.
 *
 * @public
 */
export function primaryPublicUrl(
  services: ReadonlyArray<{
    kind: ServiceKind;
    observed?: Pick<ServiceObservation, 'publicUrls'>;
  }>,
): string | undefined {
  const first = (candidates: typeof services) =>
    candidates.find(service => service.observed?.publicUrls.length)?.observed
      ?.publicUrls[0];
  return (
    first(services.filter(service => service.kind === 'application')) ??
    first(services)
  );
}
