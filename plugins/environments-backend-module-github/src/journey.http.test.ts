import { createHmac } from 'node:crypto';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { environmentsServiceRef } from '@greenroom/plugin-environments-node';
import {
  botAuthBackendMock,
  InMemoryEnvironmentsService,
} from '@greenroom/plugin-environments-node/testUtils';
import { BOT } from './__testUtils__/actingAs';
import { GithubApiDouble } from './__testUtils__/GithubApiDouble';
import {
  baseEnvironment,
  previewComponent,
} from './__testUtils__/previewHarness';
import { pullRequestEvent } from './__testUtils__/webhookExamples';
import { environmentsModuleGithub } from './module';

// The whole way a pull request takes: GitHub's own example payloads, signed
// as GitHub signs them, posted to the events plugin's endpoint, checked by
// Backstage's GitHub events module, handled by this module as the bot.

jest.setTimeout(60_000);

const SECRET = 'github-webhook-secret-do-not-log';
const REPO = 'example/storefront';
const NAME = 'pr-example-storefront-42';
const SHA_1 = '1111111111111111111111111111111111111111';
const SHA_2 = '2222222222222222222222222222222222222222';

describe('GitHub pull request previews over HTTP', () => {
  let github: GithubApiDouble;
  afterEach(() => github.stop());

  async function start() {
    github = await new GithubApiDouble().start();
    github.permissions.set(`${REPO}:alice`, {
      permission: 'write',
      role_name: 'write',
    });
    const environments = new InMemoryEnvironmentsService({
      environments: [baseEnvironment()],
    });
    const events = mockServices.events();
    const backend = await startTestBackend({
      features: [
        import('@backstage/plugin-events-backend'),
        import('@backstage/plugin-events-backend-module-github'),
        environmentsModuleGithub,
        botAuthBackendMock(BOT),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            events: { modules: { github: { webhookSecret: SECRET } } },
            integrations: {
              github: [
                { host: 'github.com', apiBaseUrl: github.url, token: 't' },
              ],
            },
            environments: { github: { actAs: BOT } },
          },
        }),
        catalogServiceMock.factory({
          entities: [previewComponent('storefront', REPO)],
        }),
        createServiceFactory({
          service: environmentsServiceRef,
          deps: {},
          factory: () => environments,
        }),
        // One events service for every plugin, as on a single instance.
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
      ],
    });
    const { port } = backend.server.address() as { port: number };
    let delivery = 0;
    /** Posts a `pull_request` webhook signed as GitHub signs it (or with `secret`). */
    const post = async (payload: unknown, secret = SECRET) => {
      delivery += 1;
      const body = JSON.stringify(payload);
      const signature = createHmac('sha256', secret).update(body).digest('hex');
      const res = await fetch(
        `http://127.0.0.1:${port}/api/events/http/github`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-github-event': 'pull_request',
            'x-github-delivery': `delivery-${delivery}`,
            'x-hub-signature-256': `sha256=${signature}`,
          },
          body,
        },
      );
      return res.status;
    };
    const comment = () =>
      github
        .commentsOf(REPO, 42)
        .map(c => c.body)
        .find(body => body.includes('greenroom-preview'));
    return { environments, post, comment };
  }

  const pr = (action: 'opened' | 'synchronize' | 'closed', headSha = SHA_1) =>
    pullRequestEvent(action, {
      repository: REPO,
      number: 42,
      author: 'alice',
      headSha,
    });

  it('opens, redeploys and closes a lean preview driven by the blueprint at the head commit', async () => {
    const { environments, post, comment } = await start();
    github.files.set(
      `${REPO}:${SHA_1}:.greenroom/preview.yaml`,
      'apiVersion: greenroom.dev/v1alpha1\nkind: PreviewBlueprint\nspec:\n  ttl: 1d\n',
    );

    expect(await post(pr('opened'))).toBe(202);
    expect(environments.changes[0]).toMatchObject({
      method: 'cloneEnvironment',
      name: 'staging',
      args: {
        name: NAME,
        services: ['storefront'],
        baseline: { databases: 'clone' },
        ttl: '1d',
        pullRequest: { provider: 'github', headSha: SHA_1 },
      },
      principal: { type: 'user', userEntityRef: BOT },
    });
    expect(comment()).toContain('cloned from `staging` (pull request opened)');

    expect(await post(pr('synchronize', SHA_2))).toBe(202);
    expect(comment()).toContain('`2222222`');

    expect(await post(pr('closed', SHA_2))).toBe(202);
    expect(environments.changes.at(-1)).toMatchObject({
      method: 'lifecycle',
      name: NAME,
      args: expect.objectContaining({ action: 'destroy' }),
    });
  });

  it('turns away a delivery with a wrong signature, and does nothing', async () => {
    const { environments, post, comment } = await start();
    const status = await post(pr('opened'), 'not-the-secret');
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(environments.changes).toEqual([]);
    expect(comment()).toBeUndefined();
  });
});
