import { ConfigReader } from '@backstage/config';
import { GithubApiDouble } from '../__testUtils__/GithubApiDouble';
import { GithubChangeRequestProvider } from './GithubChangeRequestProvider';
import { octokitForRepositoryFromConfig } from './octokitForRepository';

const REPO = {
  repository: 'example/storefront',
  repositoryUrl: 'https://github.com/example/storefront',
};

describe('GithubChangeRequestProvider', () => {
  let github: GithubApiDouble;
  let provider: GithubChangeRequestProvider;
  beforeEach(async () => {
    github = await new GithubApiDouble().start();
    provider = new GithubChangeRequestProvider(
      octokitForRepositoryFromConfig(
        new ConfigReader({
          integrations: {
            github: [
              { host: 'github.com', apiBaseUrl: github.url, token: 't' },
            ],
          },
        }),
      ),
    );
  });
  afterEach(() => github.stop());

  it('reads a file at a ref as text, undefined when it is missing', async () => {
    github.files.set(
      'example/storefront:abc123:.greenroom/preview.yaml',
      'services: []\n',
    );
    await expect(
      provider.readFile(REPO, 'abc123', '.greenroom/preview.yaml'),
    ).resolves.toBe('services: []\n');
    await expect(
      provider.readFile(REPO, 'main', '.greenroom/preview.yaml'),
    ).resolves.toBeUndefined();
    expect(github.requests[0].path).toBe(
      '/repos/example/storefront/contents/.greenroom%2Fpreview.yaml?ref=abc123',
    );
  });

  it('maps a pull request URL to its repository and back', () => {
    const url = provider.changeRequestUrl({ ...REPO, number: 42 });
    expect(url).toBe('https://github.com/example/storefront/pull/42');
    expect(provider.repositoryUrlOf(url)).toBe(REPO.repositoryUrl);
  });
});
