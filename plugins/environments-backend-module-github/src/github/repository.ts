/** `owner/repo` as the parameters of Octokit's repository calls. */
export function repositoryParams(repository: string): {
  owner: string;
  repo: string;
} {
  const [owner = '', repo = ''] = repository.split('/');
  return { owner, repo };
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
