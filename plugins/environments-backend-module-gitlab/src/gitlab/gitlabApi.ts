import type { Config } from '@backstage/config';
import { InputError, ResponseError } from '@backstage/errors';
import {
  getGitLabRequestOptions,
  ScmIntegrations,
} from '@backstage/integration';

/**
 * Calls the REST API (v4) of the GitLab a project lives on: `path` is under
 * the integration's `apiBaseUrl`, e.g. `/projects/a%2Fb/members/all/7`.
 * Answers the response when it is OK, undefined for a 404 (missing, or not
 * visible to the token), and throws a `ResponseError` otherwise.
 */
export type GitlabApi = (
  repositoryUrl: string,
  path: string,
  init?: { method?: string; body?: unknown },
) => Promise<Response | undefined>;

/**
 * Calls from the `integrations.gitlab` config: the integration matching the
 * project's host gives the API base URL (`apiBaseUrl`, so self-managed
 * GitLab works) and the token.
 */
export function gitlabApiFromConfig(config: Config): GitlabApi {
  const integrations = ScmIntegrations.fromConfig(config);
  return async (repositoryUrl, path, init = {}) => {
    const integration = integrations.gitlab.byUrl(repositoryUrl);
    if (!integration) {
      throw new InputError(
        `No GitLab integration for ${repositoryUrl}; add one under integrations.gitlab`,
      );
    }
    const { headers } = getGitLabRequestOptions(integration.config);
    const response = await fetch(
      `${integration.config.apiBaseUrl.replace(/\/$/, '')}${path}`,
      {
        method: init.method ?? 'GET',
        headers: {
          ...headers,
          ...(init.body !== undefined && {
            'content-type': 'application/json',
          }),
        },
        ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      },
    );
    if (response.status === 404) return undefined;
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  };
}

/** A project's id in API paths: its path with namespace, URL-encoded. */
export function projectPath(repository: string): string {
  return `/projects/${encodeURIComponent(repository)}`;
}
