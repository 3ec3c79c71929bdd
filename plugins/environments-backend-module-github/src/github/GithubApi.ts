import { ResponseError } from '@backstage/errors';
import type { CollaboratorPermission } from '../previews/access';

/** An issue or pull request comment, as the REST API returns it. */
export interface GithubComment {
  id: number;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
}

/** A pull request, as `GET /repos/{owner}/{repo}/pulls/{number}` returns it. */
export interface GithubPullRequest {
  number: number;
  state: 'open' | 'closed';
  title: string;
  html_url: string;
  merged?: boolean;
  user?: { login?: string } | null;
  /** `repo` is null when the fork was deleted. */
  head: { ref: string; sha: string; repo?: { full_name?: string } | null };
}

/**
 * The few GitHub REST calls previews make, over `fetch`. The credential
 * headers come from the integration; they are never logged.
 */
export class GithubApi {
  constructor(
    private readonly options: {
      apiBaseUrl: string;
      headers: () => Promise<Record<string, string>>;
    },
  ) {}

  async #request<T>(
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<{ status: number; data?: T }> {
    const res = await fetch(
      `${this.options.apiBaseUrl.replace(/\/$/, '')}${path}`,
      {
        method: init.method ?? 'GET',
        headers: {
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          ...(init.body === undefined
            ? {}
            : { 'content-type': 'application/json' }),
          ...(await this.options.headers()),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      },
    );
    if (res.status === 404 && (init.method ?? 'GET') === 'GET') {
      return { status: 404 };
    }
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return { status: res.status, data: (await res.json()) as T };
  }

  static #repo(repository: string): string {
    const [owner, name] = repository.split('/');
    return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
  }

  /** All comments of an issue or pull request (up to 1,000). */
  async listIssueComments(
    repository: string,
    number: number,
  ): Promise<GithubComment[]> {
    const all: GithubComment[] = [];
    for (let page = 1; page <= 10; page++) {
      const { data = [] } = await this.#request<GithubComment[]>(
        `${GithubApi.#repo(
          repository,
        )}/issues/${number}/comments?per_page=100&page=${page}`,
      );
      all.push(...data);
      if (data.length < 100) break;
    }
    return all;
  }

  async createIssueComment(
    repository: string,
    number: number,
    body: string,
  ): Promise<GithubComment> {
    const { data } = await this.#request<GithubComment>(
      `${GithubApi.#repo(repository)}/issues/${number}/comments`,
      { method: 'POST', body: { body } },
    );
    return data!;
  }

  async updateIssueComment(
    repository: string,
    commentId: number,
    body: string,
  ): Promise<GithubComment> {
    const { data } = await this.#request<GithubComment>(
      `${GithubApi.#repo(repository)}/issues/comments/${commentId}`,
      { method: 'PATCH', body: { body } },
    );
    return data!;
  }

  /** The user's permission on the repository; undefined when not a collaborator. */
  async getCollaboratorPermission(
    repository: string,
    user: string,
  ): Promise<CollaboratorPermission | undefined> {
    const { data } = await this.#request<CollaboratorPermission>(
      `${GithubApi.#repo(repository)}/collaborators/${encodeURIComponent(
        user,
      )}/permission`,
    );
    return data;
  }

  async getPullRequest(
    repository: string,
    number: number,
  ): Promise<GithubPullRequest | undefined> {
    const { data } = await this.#request<GithubPullRequest>(
      `${GithubApi.#repo(repository)}/pulls/${number}`,
    );
    return data;
  }
}
