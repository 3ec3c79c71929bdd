import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { EventParams } from '@backstage/plugin-events-node';
import opened from '../__fixtures__/pull_request.opened.json';
import synchronize from '../__fixtures__/pull_request.synchronize.json';
import closed from '../__fixtures__/pull_request.closed.json';
import commentCreated from '../__fixtures__/issue_comment.created.json';
import commentNoWrite from '../__fixtures__/issue_comment.created.no-write.json';
import { actingAs, BOT } from '../__testUtils__/actingAs';
import {
  InMemoryEnvironmentsService,
  makeEnvironment,
} from '@greenroom/plugin-environments-node/testUtils';
import { PREVIEW_COMMENT_MARKER } from '@greenroom/plugin-environments-common';
import {
  PreviewService,
  readPreviewSettings,
} from '@greenroom/plugin-environments-previews-node';
import { GithubApiDouble } from '../__testUtils__/GithubApiDouble';
import { GithubChangeRequestProvider } from '../github/GithubChangeRequestProvider';
import { octokitForRepositoryFromConfig } from '../github/octokitForRepository';

const TOKEN = 'ghp_do-not-log-this-token';
const REPO = 'example/storefront';

const storefront: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'storefront',
    annotations: {
      'github.com/project-slug': REPO,
      'greenroom.dev/preview-base': 'staging',
    },
  },
  spec: { type: 'service', owner: 'team-shop', lifecycle: 'production' },
};

const serviceDefaults = {
  resources: { cpu: '250m', memory: '256Mi' },
  replicas: 1,
  customDomains: [],
  variables: [],
};

const staging = makeEnvironment({
  name: 'staging',
  services: [
    {
      ...serviceDefaults,
      name: 'storefront',
      kind: 'application',
      componentRef: 'component:default/storefront',
      ports: [{ port: 8080, public: true }],
    },
    {
      ...serviceDefaults,
      name: 'db',
      kind: 'database',
      ports: [{ port: 5432, public: false }],
    },
  ],
});

function event(
  topic: 'pull_request' | 'issue_comment',
  payload: unknown,
  delivery?: string,
): EventParams {
  return {
    topic: `github.${topic}`,
    eventPayload: structuredClone(payload),
    metadata: {
      'x-github-event': topic,
      ...(delivery ? { 'x-github-delivery': delivery } : {}),
    },
  };
}

function commentFixture(body: string, id = 5003) {
  const payload = structuredClone(commentCreated);
  payload.comment.body = body;
  payload.comment.id = id;
  return payload;
}

describe('PreviewService', () => {
  let github: GithubApiDouble;
  let environments: InMemoryEnvironmentsService;
  let logger: ReturnType<typeof mockServices.logger.mock>;
  let previews: PreviewService;

  beforeEach(async () => {
    github = await new GithubApiDouble().start();
    github.permissions.set(`${REPO}:alice`, {
      permission: 'write',
      role_name: 'write',
    });
    github.permissions.set(`${REPO}:mallory`, {
      permission: 'read',
      role_name: 'triage',
    });
    github.pulls.set(`${REPO}#42`, synchronize.pull_request);
    const config = new ConfigReader({
      app: { baseUrl: 'http://localhost:3000/' },
      integrations: {
        github: [{ host: 'github.com', apiBaseUrl: github.url, token: TOKEN }],
      },
      environments: { github: { previewTtl: '3d', actAs: BOT } },
    });
    environments = new InMemoryEnvironmentsService({ environments: [staging] });
    logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    previews = new PreviewService({
      provider: new GithubChangeRequestProvider(
        octokitForRepositoryFromConfig(config),
      ),
      environments,
      catalog: catalogServiceMock({ entities: [storefront] }),
      credentials: actingAs(),
      logger,
      settings: readPreviewSettings(config, 'environments.github'),
    });
  });

  afterEach(async () => {
    await github.stop();
  });

  const previewComments = () =>
    github
      .commentsOf(REPO, 42)
      .filter(c => c.body.includes(PREVIEW_COMMENT_MARKER));

  it('runs a preview through the life of a pull request', async () => {
    // open
    await previews.handleEvent(event('pull_request', opened, 'd-open'));
    expect(environments.changes).toEqual([
      {
        method: 'cloneEnvironment',
        name: 'staging',
        args: {
          name: 'pr-example-storefront-42',
          mode: 'preview',
          // Without a blueprint: the Component's service, the rest shared.
          services: ['storefront'],
          baseline: { databases: 'clone' },
          ttl: '3d',
          title: 'example/storefront#42: Add gift cards to checkout',
          pullRequest: {
            provider: 'github',
            repository: REPO,
            number: 42,
            branch: 'feature/gift-cards',
            headSha: opened.pull_request.head.sha,
            url: `https://github.com/${REPO}/pull/42`,
          },
        },
        idempotencyKey: 'github:d-open:clone',
        principal: { type: 'user', userEntityRef: BOT },
      },
      {
        method: 'updateEnvironment',
        name: 'pr-example-storefront-42',
        args: { services: expect.any(Array) },
        idempotencyKey: 'github:d-open:switch',
        principal: { type: 'user', userEntityRef: BOT },
      },
    ]);
    const switched = (environments.changes[1].args as any).services.find(
      (s: any) => s.componentRef === 'component:default/storefront',
    );
    expect(switched.git.branch).toBe('feature/gift-cards');
    expect(previewComments()).toHaveLength(1);
    const [first] = previewComments();
    expect(first.body).toContain(
      '[pr-example-storefront-42](http://localhost:3000/environments/pr-example-storefront-42)',
    );
    expect(first.body).toContain('`feature/gift-cards` at `6dcb09b`');
    // Queued, not observed yet: the runtime's answer comes with a later change.
    expect(first.body).toContain('| `db` | database | not observed yet | – |');
    expect(first.body).toContain('runs `feature/gift-cards` at `6dcb09b`');

    // push
    await previews.handleEvent(event('pull_request', synchronize, 'd-sync'));
    expect(environments.changes[2]).toMatchObject({
      method: 'lifecycle',
      name: 'pr-example-storefront-42',
      args: { action: 'extend', by: '3d', renew: true },
      idempotencyKey: 'github:d-sync:extend',
    });
    // each push redeploys the new commit
    expect(environments.changes[3]).toMatchObject({
      method: 'updateEnvironment',
      idempotencyKey: 'github:d-sync:switch',
    });
    expect(previewComments()).toEqual([
      expect.objectContaining({ id: first.id }),
    ]);
    expect(previewComments()[0].body).toContain('at `c2d8a9f`');

    // comment command
    await previews.handleEvent(event('issue_comment', commentCreated, 'd-cmd'));
    expect(environments.changes[4]).toMatchObject({
      method: 'lifecycle',
      name: 'pr-example-storefront-42',
      args: { action: 'extend', by: '2d' },
      idempotencyKey: 'github:d-cmd:extend',
    });
    expect(github.requests.map(r => `${r.method} ${r.path}`)).toContain(
      `GET /repos/${REPO}/collaborators/alice/permission`,
    );
    expect(previewComments()[0].body).toContain(
      '`/preview extend 2d` by @alice',
    );

    // close (merged)
    await previews.handleEvent(event('pull_request', closed, 'd-close'));
    expect(environments.changes[5]).toMatchObject({
      method: 'lifecycle',
      name: 'pr-example-storefront-42',
      args: { action: 'destroy' },
      idempotencyKey: 'github:d-close:destroy',
    });
    expect(environments.changes).toHaveLength(6);
    expect(
      environments.environments.get('pr-example-storefront-42')?.desiredState,
    ).toBe('deleted');
    expect(previewComments()).toHaveLength(1);
    expect(previewComments()[0].body).toContain('**destroyed**');
    expect(previewComments()[0].body).toContain('pull request merged');

    // one comment created, then updated in place
    expect(github.writes().map(r => r.method)).toEqual([
      'POST',
      'PATCH',
      'PATCH',
      'PATCH',
    ]);
    expect(
      new Set(
        github
          .writes()
          .slice(1)
          .map(r => r.path),
      ),
    ).toEqual(new Set([`/repos/${REPO}/issues/comments/${first.id}`]));
    // GitHub calls carry the integration's token; logs never do
    expect(github.requests.every(r => r.authorization?.includes(TOKEN))).toBe(
      true,
    );
    const logged = JSON.stringify(
      [logger.info, logger.warn, logger.error, logger.debug].flatMap(
        fn => fn.mock.calls,
      ),
    );
    expect(logged).not.toContain(TOKEN);
  });

  it('changes nothing twice when GitHub redelivers an event', async () => {
    const deliveries = [
      event('pull_request', opened, 'd-open'),
      event('pull_request', synchronize, 'd-sync'),
      event('issue_comment', commentCreated, 'd-cmd'),
      event('pull_request', closed, 'd-close'),
    ];
    const handle = (e: EventParams) => previews.handleEvent(e);
    for (const delivery of deliveries) {
      await handle(delivery);
      const changes = environments.changes.length;
      const writes = github.writes().length;
      await handle(structuredClone(delivery));
      expect(environments.changes).toHaveLength(changes);
      expect(github.writes()).toHaveLength(writes);
    }
    expect(environments.changes.map(c => c.idempotencyKey)).toEqual([
      'github:d-open:clone',
      'github:d-open:switch',
      'github:d-sync:extend',
      'github:d-sync:switch',
      'github:d-cmd:extend',
      'github:d-close:destroy',
    ]);
    expect(previewComments()).toHaveLength(1);
  });

  describe('an earlier push delivered again after a later one', () => {
    const later = structuredClone(synchronize);
    later.before = synchronize.after;
    later.after = '9e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b';
    later.pull_request.head.sha = later.after;

    /** Open, two pushes: the comment as the later push wrote it. */
    async function twoPushes() {
      await previews.handleEvent(event('pull_request', opened, 'd-open'));
      await previews.handleEvent(event('pull_request', synchronize, 'd-sync'));
      await previews.handleEvent(event('pull_request', later, 'd-later'));
      const [comment] = previewComments();
      expect(comment.body).toContain(
        'Last change: push of `9e1f2a3` redeployed the preview',
      );
      return comment.body;
    }

    const alreadyHandled = () =>
      logger.info.mock.calls.filter(([message]) =>
        String(message).startsWith('GitHub event already handled'),
      );

    it('changes nothing and leaves the comment as the later push wrote it', async () => {
      const comment = await twoPushes();
      const changes = environments.changes.length;
      const writes = github.writes().length;

      await previews.handleEvent(event('pull_request', synchronize, 'd-sync'));
      // The same requests again: both replayed by their keys.
      expect(environments.calls.slice(-2)).toEqual([
        expect.objectContaining({ idempotencyKey: 'github:d-sync:extend' }),
        expect.objectContaining({ idempotencyKey: 'github:d-sync:switch' }),
      ]);
      expect(environments.changes).toHaveLength(changes);
      expect(github.writes()).toHaveLength(writes);
      expect(previewComments()[0].body).toBe(comment);
      expect(alreadyHandled()).toEqual([
        [
          expect.any(String),
          { repository: REPO, pullRequest: 42, delivery: 'd-sync' },
        ],
      ]);
    });

    it('takes the 422 for its key, the preview having changed since, as handled: no failure on the comment', async () => {
      const comment = await twoPushes();
      // Someone changes the preview's services after the later push.
      const preview = environments.environments.get(
        'pr-example-storefront-42',
      )!;
      await environments.updateEnvironment(
        preview.name,
        {
          services: preview.services.map(s =>
            s.name === 'storefront' ? { ...s, replicas: 2 } : s,
          ),
        },
        { credentials: {} as any, idempotencyKey: 'portal-1' },
      );
      const changes = environments.changes.length;

      await previews.handleEvent(event('pull_request', synchronize, 'd-sync'));
      // The switch to the earlier push is now another request under its key.
      await expect(
        environments.updateEnvironment(
          preview.name,
          { services: [] },
          { credentials: {} as any, idempotencyKey: 'github:d-sync:switch' },
        ),
      ).rejects.toMatchObject({ statusCode: 422 });
      expect(environments.changes).toHaveLength(changes);
      expect(previewComments()[0].body).toBe(comment);
      expect(logger.error).not.toHaveBeenCalled();
      expect(alreadyHandled()).toEqual([
        [
          expect.any(String),
          {
            repository: REPO,
            pullRequest: 42,
            delivery: 'd-sync',
            reason: 'Idempotency-Key: already used for a different request',
          },
        ],
      ]);
    });
  });

  it('keys changes by repository, PR, action and head sha without a delivery id', async () => {
    await previews.handleEvent(event('pull_request', opened));
    await previews.handleEvent(event('pull_request', opened));
    expect(environments.changes.map(c => c.idempotencyKey)).toEqual([
      `github:${REPO}#42:clone:${opened.pull_request.head.sha}`,
      `github:${REPO}#42:switch:${opened.pull_request.head.sha}`,
    ]);
  });

  it('renews, and starts if stopped, when the preview exists already', async () => {
    await previews.handleEvent(event('pull_request', opened, 'd-1'));
    await environments.lifecycle('pr-example-storefront-42', 'stop', {
      credentials: {} as any,
    });
    await previews.handleEvent(
      event('issue_comment', commentFixture('/preview'), 'd-2'),
    );
    // clone, switch, the test's own stop, then the command's changes
    expect(environments.changes.slice(3)).toEqual([
      expect.objectContaining({
        args: { action: 'start', by: undefined },
        idempotencyKey: 'github:d-2:start',
      }),
      expect.objectContaining({
        args: { action: 'extend', by: '3d', renew: true },
        idempotencyKey: 'github:d-2:extend',
      }),
      expect.objectContaining({
        method: 'updateEnvironment',
        idempotencyKey: 'github:d-2:switch',
      }),
    ]);
    expect(previewComments()).toHaveLength(1);
  });

  it('refuses commands from users without write access, with a reply', async () => {
    await previews.handleEvent(event('pull_request', opened, 'd-open'));
    await previews.handleEvent(
      event('issue_comment', commentNoWrite, 'd-mallory'),
    );
    await previews.handleEvent(
      event('issue_comment', commentNoWrite, 'd-mallory'),
    );
    expect(environments.changes.map(c => c.method)).toEqual([
      'cloneEnvironment',
      'updateEnvironment',
    ]);
    const replies = github
      .commentsOf(REPO, 42)
      .filter(c => c.body.includes('greenroom-preview-reply:5002'));
    expect(replies).toHaveLength(1);
    expect(replies[0].body).toContain('@mallory preview commands need write');
  });

  it('answers an invalid command with the usage', async () => {
    await previews.handleEvent(
      event('issue_comment', commentFixture('/preview restart'), 'd-bad'),
    );
    expect(environments.changes).toEqual([]);
    const [reply] = github.commentsOf(REPO, 42);
    expect(reply.body).toContain("@alice Unknown preview command 'restart'");
    expect(reply.body).toContain('Usage: /preview');
  });

  it('answers a command on a PR without a preview', async () => {
    await previews.handleEvent(
      event('issue_comment', commentFixture('/preview stop'), 'd-stop'),
    );
    expect(environments.changes).toEqual([]);
    expect(github.commentsOf(REPO, 42)[0].body).toContain(
      'has no preview; comment `/preview` to create one',
    );
  });

  it('ignores comments that are not commands, and its own comments', async () => {
    await previews.handleEvent(
      event('issue_comment', commentFixture('LGTM'), 'd-1'),
    );
    const own = commentFixture(`${PREVIEW_COMMENT_MARKER}\n/preview destroy`);
    await previews.handleEvent(event('issue_comment', own, 'd-2'));
    expect(github.requests).toEqual([]);
    expect(environments.calls).toEqual([]);
  });

  it('logs and skips repositories without a previewed Component', async () => {
    const other = structuredClone(opened);
    other.repository.full_name = 'example/unknown';
    await previews.handleEvent(event('pull_request', other, 'd-x'));
    expect(environments.calls).toEqual([]);
    expect(github.requests).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('Skipping GitHub event'),
      { repository: 'example/unknown', pullRequest: 42 },
    );
  });

  it('says on the comment when the base does not exist, and clones nothing', async () => {
    environments.environments.delete('staging');
    await previews.handleEvent(event('pull_request', opened, 'd-open'));
    const body = previewComments()[0].body;
    expect(body).toContain('**not deployed**');
    expect(body).toContain(
      'the preview base `staging` does not exist, or the previews bot may not read it',
    );
    expect(environments.changes).toEqual([]);
  });
});
