import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';

/** Gives the GitHub REST client for a repository URL. */
export type OctokitForRepository = (repositoryUrl: string) => Octokit;

/**
 * Builds clients from the `integrations.github` config: the integration
 * matching the repository's host gives the API base URL, and its token or
 * GitHub App gives the credentials.
 */
export function octokitForRepositoryFromConfig(
  config: Config,
): OctokitForRepository {
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
    const octokit = new Octokit({ baseUrl: integration.config.apiBaseUrl });
    // Asked on every request: the provider renews a GitHub App's short-lived
    // installation token when it expires.
    octokit.hook.before('request', async options => {
      const { headers } = await credentials.getCredentials({
        url: repositoryUrl,
      });
      Object.assign(options.headers, headers);
    });
    return octokit;
  };
}
