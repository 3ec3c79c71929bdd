import type { Environment } from '@greenroom/plugin-environments-common';

/**
 * The services of a preview with the pull request's component switched to
 * the PR's branch and commit: `git.branch` is the branch, and the image tag is
 * the head commit (CI is expected to push images tagged by commit sha).
 * Returns undefined when no service runs the component.
 */
export function switchServiceToHead(
  services: Environment['services'],
  componentRef: string,
  head: { repository: string; branch: string; headSha: string },
): Environment['services'] | undefined {
  if (!services.some(s => s.componentRef === componentRef)) {
    return undefined;
  }
  return services.map(service =>
    service.componentRef === componentRef
      ? {
          ...service,
          git: {
            ...service.git,
            repository: service.git?.repository ?? head.repository,
            branch: head.branch,
          },
          ...(service.image && {
            image: { ...service.image, tag: head.headSha },
          }),
        }
      : service,
  );
}
