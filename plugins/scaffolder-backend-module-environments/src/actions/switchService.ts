import type { Environment } from '@greenroom/plugin-environments-common';

/** `orders-api` → `component:default/orders-api`; kind and namespace lower case. */
export function toComponentRef(ref: string): string {
  const match = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(ref.trim());
  if (!match) {
    throw new Error(
      `"${ref}" is not an entity ref such as component:default/orders-api`,
    );
  }
  const [, kind = 'component', namespace = 'default', name] = match;
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/**
 * The services with the one that runs `componentRef` switched to a branch
 * (`git.branch`) and, when given, a commit (the image tag: CI pushes images
 * tagged by commit sha). Undefined when no service runs the component.
 */
export function switchService(
  services: Environment['services'],
  componentRef: string,
  target: { branch: string; commit?: string; repository?: string },
): Environment['services'] | undefined {
  const ref = toComponentRef(componentRef);
  const runs = (service: Environment['services'][number]) =>
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
