import { toEnvironmentName } from '@greenroom/plugin-environments-common';

/**
 * The name of the preview environment of a pull request, e.g.
 * `pr-storefront-42` for `example/storefront#42`. Stable for a PR, so every
 * event about it finds the same environment.
 */
export function previewEnvironmentName(
  repository: string,
  pullRequestNumber: number,
): string {
  const repo = repository.split('/').pop() ?? repository;
  const suffix = `-${pullRequestNumber}`;
  // Cut the repository part, not the number, so long names keep the PR visible.
  const base = toEnvironmentName(`pr-${repo}`).slice(0, 40 - suffix.length);
  return toEnvironmentName(`${base}${suffix}`);
}
