import type { Environment } from '@greenroom/plugin-environments-common';
import type { PullRequestRef } from './webhooks';

/**
 * Whether an environment is the preview of exactly this pull request: its
 * `origin.pullRequest` is on GitHub, of the same repository (GitHub names
 * are case-insensitive) and has the same number. Every change the module
 * makes to an environment it found by name first asks this, so an
 * environment that only shares the name is never touched.
 */
export function isPreviewOf(
  env: Environment,
  pr: Pick<PullRequestRef, 'repository' | 'number'>,
): boolean {
  const origin = env.origin.pullRequest;
  return (
    !!origin &&
    origin.provider === 'github' &&
    origin.repository.toLocaleLowerCase('en-US') ===
      pr.repository.toLocaleLowerCase('en-US') &&
    origin.number === pr.number
  );
}

/** The PR comment's text when the name is held by another environment. */
export function notThisPreview(name: string): string {
  return `environment \`${name}\` exists and is not this pull request's preview; nothing was changed`;
}
