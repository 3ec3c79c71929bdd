import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  InMemoryEnvironmentsService,
  makeEnvironment,
} from '@greenroom/plugin-environments-node/testUtils';
import { actingAs, BOT } from '../__testUtils__/actingAs';
import { GithubApiDouble } from '../__testUtils__/GithubApiDouble';
import { reconcilePreviews } from '@greenroom/plugin-environments-previews-node';
import { GithubChangeRequestProvider } from '../github/GithubChangeRequestProvider';
import { octokitForRepositoryFromConfig } from '../github/octokitForRepository';

const TOKEN = 'ghp_do-not-log-this-token';

function preview(
  name: string,
  repository: string,
  number: number,
  host = 'github.com',
  provider = 'github',
) {
  return makeEnvironment({
    name,
    mode: 'preview',
    origin: {
      type: 'preview',
      sourceEnvironmentId: 'env-staging',
      pullRequest: {
        provider,
        repository,
        number,
        branch: `feature-${number}`,
        headSha: 'a'.repeat(40),
        url: `https://${host}/${repository}/pull/${number}`,
      },
    } as any,
  });
}

const pull = (number: number, state: 'open' | 'closed', merged = false) => ({
  number,
  state,
  merged,
  title: `PR ${number}`,
  html_url: `https://github.com/example/storefront/pull/${number}`,
  head: { ref: `feature-${number}`, sha: 'a'.repeat(40) },
});

/** A GitHub Enterprise host that fails: 500 for one repository, a rate limit for another. */
async function failingGithub(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/repos/example/broken/')) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Server Error' }));
      return;
    }
    res.writeHead(403, {
      'content-type': 'application/json',
      'x-ratelimit-remaining': '0',
    });
    res.end(JSON.stringify({ message: 'API rate limit exceeded' }));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

describe('reconcilePreviews', () => {
  let github: GithubApiDouble;
  let failing: { server: Server; url: string };
  let logger: ReturnType<typeof mockServices.logger.mock>;

  beforeEach(async () => {
    github = await new GithubApiDouble().start();
    failing = await failingGithub();
    logger = mockServices.logger.mock();
    github.pulls.set('example/storefront#41', pull(41, 'closed', true));
    github.pulls.set('example/storefront#42', pull(42, 'open'));
    github.pulls.set('example/storefront#43', pull(43, 'closed'));
  });

  afterEach(async () => {
    await github.stop();
    await new Promise(r => failing.server.close(r));
  });

  function run(environments: InMemoryEnvironmentsService) {
    const config = new ConfigReader({
      integrations: {
        github: [
          { host: 'github.com', apiBaseUrl: github.url, token: TOKEN },
          { host: 'ghe.example.com', apiBaseUrl: failing.url, token: TOKEN },
        ],
      },
    });
    return reconcilePreviews({
      provider: new GithubChangeRequestProvider(
        octokitForRepositoryFromConfig(config),
      ),
      environments,
      credentials: actingAs(),
      logger,
    });
  }

  it('destroys previews of closed or merged pull requests, once, and keeps open ones', async () => {
    const environments = new InMemoryEnvironmentsService({
      environments: [
        preview('pr-example-storefront-41', 'example/storefront', 41),
        preview('pr-example-storefront-42', 'example/storefront', 42),
        preview('pr-example-storefront-43', 'example/storefront', 43),
      ],
    });

    const result = await run(environments);
    expect(result.destroyed).toEqual([
      'pr-example-storefront-41',
      'pr-example-storefront-43',
    ]);
    expect(result.kept).toEqual(['pr-example-storefront-42']);
    expect(environments.changes).toEqual([
      expect.objectContaining({
        method: 'lifecycle',
        name: 'pr-example-storefront-41',
        args: { action: 'destroy', by: undefined },
        idempotencyKey: 'github-reconcile:env-pr-example-storefront-41:destroy',
        principal: { type: 'user', userEntityRef: BOT },
      }),
      expect.objectContaining({
        name: 'pr-example-storefront-43',
        idempotencyKey: 'github-reconcile:env-pr-example-storefront-43:destroy',
      }),
    ]);
    expect(
      environments.environments.get('pr-example-storefront-42')?.desiredState,
    ).toBe('running');
    expect(github.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/example/storefront/pulls/41',
      'GET /repos/example/storefront/pulls/42',
      'GET /repos/example/storefront/pulls/43',
    ]);
    expect(github.writes()).toEqual([]);

    // The next night: nothing is destroyed twice.
    await run(environments);
    expect(environments.changes).toHaveLength(2);
  });

  it('keeps a preview when GitHub answers 500 or 403, the PR is not found, or there is no integration', async () => {
    const environments = new InMemoryEnvironmentsService({
      environments: [
        preview('pr-example-broken-1', 'example/broken', 1, 'ghe.example.com'),
        preview(
          'pr-example-limited-2',
          'example/limited',
          2,
          'ghe.example.com',
        ),
        preview('pr-example-storefront-99', 'example/storefront', 99),
        preview(
          'pr-example-nowhere-3',
          'example/nowhere',
          3,
          'git.example.org',
        ),
      ],
    });

    const result = await run(environments);
    expect(result.destroyed).toEqual([]);
    expect(result.kept).toHaveLength(4);
    expect(environments.changes).toEqual([]);
    expect(logger.warn).toHaveBeenCalledTimes(4);
    expect(JSON.stringify(logger.warn.mock.calls)).not.toContain(TOKEN);
  });

  it('ignores environments that are not previews of GitHub pull requests', async () => {
    const environments = new InMemoryEnvironmentsService({
      environments: [
        makeEnvironment({ name: 'staging' }),
        {
          ...preview('staging-copy', 'example/storefront', 41),
          mode: 'staging',
        },
        preview(
          'pr-gitlab-41',
          'example/storefront',
          41,
          'github.com',
          'gitlab',
        ),
        makeEnvironment({ name: 'pr-manual', mode: 'preview' }),
      ],
    });

    const result = await run(environments);
    expect(result.checked).toBe(0);
    expect(environments.changes).toEqual([]);
    expect(github.requests).toEqual([]);
  });

  it('touches only environments named after their own pull request', async () => {
    // Linked to the closed PR #41 but not named by the module: not its preview.
    const environments = new InMemoryEnvironmentsService({
      environments: [
        preview('shop-demo', 'example/storefront', 41),
        preview('pr-example-storefront-43', 'example/storefront', 41),
      ],
    });
    const result = await run(environments);
    expect(result.checked).toBe(0);
    expect(environments.changes).toEqual([]);
  });

  it('reads the environment again and leaves it when it changed since the listing', async () => {
    const listed = preview(
      'pr-example-storefront-41',
      'example/storefront',
      41,
    );
    const environments = new InMemoryEnvironmentsService({
      environments: [listed],
    });
    // Between the listing and the destroy, the name came to hold another
    // environment (destroyed and made again by someone else).
    const list = environments.listEnvironments.bind(environments);
    jest
      .spyOn(environments, 'listEnvironments')
      .mockImplementation(async (query, options) => {
        const page = await list(query, options);
        environments.environments.set(
          listed.name,
          makeEnvironment({ name: listed.name, id: 'env-someone-else' }),
        );
        return page;
      });
    const result = await run(environments);
    expect(result.destroyed).toEqual([]);
    expect(result.kept).toEqual(['pr-example-storefront-41']);
    expect(environments.changes).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('changed since it was listed'),
      expect.anything(),
    );
  });

  it('aborts the run when the listing fails', async () => {
    const environments = new InMemoryEnvironmentsService({
      environments: [
        preview('pr-example-storefront-41', 'example/storefront', 41),
      ],
    });
    jest
      .spyOn(environments, 'listEnvironments')
      .mockRejectedValue(new Error('environments backend unavailable'));

    await expect(run(environments)).rejects.toThrow(
      'environments backend unavailable',
    );
    expect(environments.changes).toEqual([]);
    expect(github.requests).toEqual([]);
  });
});
