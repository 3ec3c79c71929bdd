import type { Octokit } from '@octokit/rest';

/** `owner/repo` as the parameters of Octokit's repository calls. */
export function repositoryParams(repository: string): {
  owner: string;
  repo: string;
} {
  const [owner = '', repo = ''] = repository.split('/');
  return { owner, repo };
}

/** The repository URL of a pull request's URL (`https://host/owner/repo`). */
export function repositoryUrlOf(pr: { url: string }): string {
  return pr.url.replace(/\/pull\/\d+\/?$/, '');
}

/** The answer's data, or undefined when GitHub answers 404 (missing, or not visible to the token). */
export async function unlessNotFound<T>(
  request: Promise<{ data: T }>,
): Promise<T | undefined> {
  try {
    return (await request).data;
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return undefined;
    throw error;
  }
}

/** A pull request; undefined when it does not exist or the token cannot see it. */
export function getPullRequest(
  octokit: Octokit,
  repository: string,
  number: number,
) {
  return unlessNotFound(
    octokit.rest.pulls.get({
      ...repositoryParams(repository),
      pull_number: number,
    }),
  );
}

/** A user's permission on a repository; undefined when not a collaborator. */
export function getCollaboratorPermission(
  octokit: Octokit,
  repository: string,
  user: string,
) {
  return unlessNotFound(
    octokit.rest.repos.getCollaboratorPermissionLevel({
      ...repositoryParams(repository),
      username: user,
    }),
  );
}
