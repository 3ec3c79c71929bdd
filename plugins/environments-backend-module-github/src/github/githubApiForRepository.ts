import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { GithubApi } from './GithubApi';

/** Gives the GitHub API client for a repository URL. */
export type GithubApiForRepository = (repositoryUrl: string) => GithubApi;

/**
 * Builds clients from the `integrations.github` config: the integration
 * matching the repository's host gives the API base URL, and its token or
 * GitHub App gives the credentials.
 */
export function githubApiForRepositoryFromConfig(
  config: Config,
): GithubApiForRepository {
  const integrations = ScmIntegrations.fromConfig(config);
  const credentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return repositoryUrl => {
    const integration = integrations.github.byUrl(repositoryUrl);
    if (!integration?.config.apiBaseUrl) {
      throw new InputError(
        `No GitHub integration with an apiBaseUrl for ${repositoryUrl}; add one under integrations.github`,
      );
    }
    return new GithubApi({
      apiBaseUrl: integration.config.apiBaseUrl,
      headers: async () =>
        (await credentials.getCredentials({ url: repositoryUrl })).headers ??
        {},
    });
  };
}
