import type { Environment, PullRequest } from '../schemas';
import { previewEnvironmentName } from './previewEnvironmentName';

/** Every name {@link previewEnvironmentName} gives starts with this. @public */
export const PREVIEW_NAME_PREFIX = 'pr-';

/**
 * The change request of a preview the previews bot of `provider` (e.g.
 * `github`) names, or undefined for any other environment: one in mode
 * `preview`, not being deleted, whose `origin.pullRequest` is on that
 * provider and whose name is the preview name of that change request.
 *
 * @public
 */
export function previewPullRequestOf(
  env: Pick<Environment, 'name' | 'mode' | 'desiredState' | 'origin'>,
  provider: string,
): PullRequest | undefined {
  const pr = env.origin.pullRequest;
  return env.mode === 'preview' &&
    env.desiredState !== 'deleted' &&
    pr?.provider === provider &&
    env.name === previewEnvironmentName(pr.repository, pr.number)
    ? pr
    : undefined;
}

/**
 * Whether an environment is the preview of exactly this change request: its
 * `origin.pullRequest` is on the same provider, of the same repository
 * (ignoring case, as GitHub and GitLab do) and has the same number. Every
 * change the previews bot makes to an environment it found by name first
 * asks this, so an environment that only shares the name is never touched.
 *
 * @public
 */
export function isPreviewOf(
  env: Pick<Environment, 'origin'>,
  changeRequest: { provider: string; repository: string; number: number },
): boolean {
  const origin = env.origin.pullRequest;
  return (
    !!origin &&
    origin.provider === changeRequest.provider &&
    origin.repository.toLocaleLowerCase('en-US') ===
      changeRequest.repository.toLocaleLowerCase('en-US') &&
    origin.number === changeRequest.number
  );
}

/**
 * What the preview comment says when the name is held by another
 * environment; `changeRequest` is what the provider calls it.
 *
 * @public
 */
export function notThisPreview(
  name: string,
  changeRequest = 'pull request',
): string {
  return `environment \`${name}\` exists and is not this ${changeRequest}'s preview; nothing was changed`;
}
