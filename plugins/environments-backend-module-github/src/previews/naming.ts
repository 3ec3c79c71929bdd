import {
  Environment,
  PullRequest,
  previewEnvironmentName,
} from '@greenroom/plugin-environments-common';
import type { PullRequestRef } from './webhooks';

/** Every name {@link previewEnvironmentName} gives starts with this. */
export const PREVIEW_NAME_PREFIX = 'pr-';

/**
 * The pull request of a preview this module names, or undefined for any
 * other environment: one in mode `preview`, not being deleted, whose
 * `origin.pullRequest` is on GitHub and whose name is the preview name of
 * that pull request.
 */
export function previewPullRequestOf(
  env: Pick<Environment, 'name' | 'mode' | 'desiredState' | 'origin'>,
): PullRequest | undefined {
  const pr = env.origin.pullRequest;
  return env.mode === 'preview' &&
    env.desiredState !== 'deleted' &&
    pr?.provider === 'github' &&
    env.name === previewEnvironmentName(pr.repository, pr.number)
    ? pr
    : undefined;
}

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
