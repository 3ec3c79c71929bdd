import type { Service } from '../schemas/service';
import { toComponentRef } from './switchServiceToBranch';

/**
 * The names of the services that run a Component (by `componentRef`, in
 * any spelling of the ref): what a preview of the Component's repository
 * deploys by default.
 *
 * @public
 */
export function servicesOfComponent(
  services: ReadonlyArray<Pick<Service, 'name' | 'componentRef'>>,
  componentRef: string,
): string[] {
  const ref = toComponentRef(componentRef);
  return services
    .filter(s => !!s.componentRef && toComponentRef(s.componentRef) === ref)
    .map(s => s.name);
}
