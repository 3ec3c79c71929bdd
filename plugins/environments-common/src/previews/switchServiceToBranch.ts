import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Service } from '../schemas/service';

/**
 * A component entity ref in full, lower-case form: `orders-api` →
 * `component:default/orders-api`. Throws for text that is not a ref.
 *
 * @public
 */
export function toComponentRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref.trim(), {
      defaultKind: 'component',
      defaultNamespace: 'default',
    }),
  ).toLocaleLowerCase('en-US');
}

/**
 * A preview's services with the one that runs `componentRef` switched to a
 * branch (`git.branch`) and, when given, a commit (the image tag: CI is
 * expected to push images tagged by commit sha). The git repository is the
 * service's own, else `target.repository`. Undefined when no service runs
 * the component. Used by pull request previews and the scaffolder action.
 *
 * @public
 */
export function switchServiceToBranch<
  S extends Pick<Service, 'componentRef' | 'git' | 'image'>,
>(
  services: S[],
  componentRef: string,
  target: { branch: string; commit?: string; repository?: string },
): S[] | undefined {
  const ref = toComponentRef(componentRef);
  const runs = (service: S) =>
    !!service.componentRef && toComponentRef(service.componentRef) === ref;
  if (!services.some(runs)) return undefined;
  return services.map(service => {
    if (!runs(service)) return service;
    const repository = service.git?.repository ?? target.repository;
    return {
      ...service,
      ...(repository && {
        git: { ...service.git, repository, branch: target.branch },
      }),
      ...(service.image &&
        target.commit && { image: { ...service.image, tag: target.commit } }),
    };
  });
}
