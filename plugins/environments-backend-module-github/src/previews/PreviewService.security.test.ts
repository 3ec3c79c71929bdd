import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { environmentClonePermission } from '@greenroom/plugin-environments-common';
import { DefaultEnvironmentsService } from '@greenroom/plugin-environments-node';
import { BOT } from '../__testUtils__/actingAs';
import { makeEnvironment } from '@greenroom/plugin-environments-node/testUtils';
import {
  baseEnvironment,
  previewComponent,
  previewHarness,
} from '../__testUtils__/previewHarness';
import {
  pullRequestCommentEvent,
  pullRequestEvent,
  pullRequestOf,
} from '../__testUtils__/webhookExamples';

const REPO = 'example/storefront';
const NAME = 'pr-example-storefront-42';
const SHA_1 = '1111111111111111111111111111111111111111';
const SHA_2 = '2222222222222222222222222222222222222222';
const storefront = previewComponent('storefront', REPO);

type Harness = Awaited<ReturnType<typeof previewHarness>>;

describe('PreviewService: who gets a preview', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await previewHarness({ entities: [storefront] });
    h.grant(REPO, 'alice', 'maintain');
    h.grant(REPO, 'mallory', 'triage');
  });
  afterEach(() => h.stop());

  const at = { repository: REPO, number: 42, headSha: SHA_1 };
  const changed = () => h.environments.changes.map(c => c.method);

  it('deploys a branch of the repository by an author with write access, as the bot', async () => {
    await h.deliver(
      'pull_request',
      pullRequestEvent('opened', { ...at, author: 'alice' }),
      'd1',
    );
    expect(changed()).toEqual(['cloneEnvironment', 'updateEnvironment']);
    expect(h.environments.calls.map(c => c.principal)).toEqual(
      h.environments.calls.map(() => ({ type: 'user', userEntityRef: BOT })),
    );
    expect(h.catalogCalls).toEqual([{ type: 'user', userEntityRef: BOT }]);
    expect(h.previewComment(REPO, 42)).toContain('cloned from `staging`');
  });

  it('does not deploy a pull request from a fork, and says a maintainer can /preview', async () => {
    await h.deliver(
      'pull_request',
      pullRequestEvent('opened', {
        ...at,
        author: 'alice',
        headRepository: 'mallory/storefront',
      }),
      'd1',
    );
    expect(h.environments.changes).toEqual([]);
    const comment = h.previewComment(REPO, 42);
    expect(comment).toContain('**not deployed**');
    expect(comment).toContain('because it comes from a fork');
    expect(comment).toContain(
      'A maintainer (write access) can comment `/preview` to deploy this commit (`1111111`)',
    );
  });

  it('does not deploy a pull request from a deleted fork', async () => {
    await h.deliver(
      'pull_request',
      pullRequestEvent('reopened', {
        ...at,
        author: 'alice',
        headRepository: null,
      }),
      'd1',
    );
    expect(h.environments.changes).toEqual([]);
    expect(h.previewComment(REPO, 42)).toContain('it comes from a fork');
  });

  it('does not deploy a pull request by an author without write access', async () => {
    await h.deliver(
      'pull_request',
      pullRequestEvent('opened', { ...at, author: 'mallory' }),
      'd1',
    );
    await h.deliver(
      'pull_request',
      pullRequestEvent('opened', { ...at, author: 'stranger' }),
      'd2',
    );
    expect(h.environments.changes).toEqual([]);
    expect(h.github.requests.map(r => r.path)).toEqual(
      expect.arrayContaining([
        `/repos/${REPO}/collaborators/mallory/permission`,
        `/repos/${REPO}/collaborators/stranger/permission`,
      ]),
    );
    expect(h.previewComment(REPO, 42)).toContain(
      'its author @stranger has no write access to example/storefront',
    );
  });

  it("deploys a fork's commit on a maintainer's /preview, pinned: pushes need a new /preview", async () => {
    const fork = {
      ...at,
      author: 'mallory',
      headRepository: 'mallory/storefront',
    };
    await h.deliver('pull_request', pullRequestEvent('opened', fork), 'd1');
    // The maintainer looks at SHA_1 and approves it.
    h.github.pulls.set(
      `${REPO}#42`,
      pullRequestOf(pullRequestEvent('opened', fork)),
    );
    const approve = (commentId: number) =>
      pullRequestCommentEvent({
        repository: REPO,
        number: 42,
        author: 'alice',
        body: '/preview',
        commentId,
      });
    await h.deliver('issue_comment', approve(501), 'd2');
    expect(changed()).toEqual(['cloneEnvironment', 'updateEnvironment']);
    const clone = h.environments.changes[0].args as any;
    expect(clone.pullRequest.headSha).toBe(SHA_1);
    const image = () =>
      h.environments.environments
        .get(NAME)!
        .services.find(s => s.name === 'storefront')!.image;
    expect(image()?.tag).toBe(SHA_1);
    expect(h.previewComment(REPO, 42)).toContain(
      'pushes do not renew it; a new `/preview` does',
    );

    // The fork pushes SHA_2: nothing is redeployed or renewed.
    const expiresAt = h.environments.environments.get(NAME)!.expiresAt;
    const push = { ...fork, headSha: SHA_2 };
    await h.deliver(
      'pull_request',
      pullRequestEvent('synchronize', push),
      'd3',
    );
    expect(changed()).toEqual(['cloneEnvironment', 'updateEnvironment']);
    expect(image()?.tag).toBe(SHA_1);
    expect(h.environments.environments.get(NAME)!.expiresAt).toBe(expiresAt);
    const comment = h.previewComment(REPO, 42)!;
    expect(comment).toContain('push of `2222222` was not deployed');
    expect(comment).toContain('the preview stays at `1111111`');
    expect(comment).toContain('A new `/preview` by a maintainer');
    expect(comment).toContain('`changes` at `1111111` (pinned');

    // A mallory /preview is refused; a maintainer's deploys SHA_2.
    h.github.pulls.set(
      `${REPO}#42`,
      pullRequestOf(pullRequestEvent('synchronize', push)),
    );
    await h.deliver(
      'issue_comment',
      pullRequestCommentEvent({
        repository: REPO,
        number: 42,
        author: 'mallory',
        body: '/preview',
        commentId: 502,
      }),
      'd4',
    );
    expect(changed()).toHaveLength(2);
    expect(h.reply(REPO, 42, 502)).toContain('preview commands need write');
    await h.deliver('issue_comment', approve(503), 'd5');
    expect(changed().slice(2)).toEqual(['lifecycle', 'updateEnvironment']);
    expect(image()?.tag).toBe(SHA_2);

    // Closing still destroys.
    await h.deliver('pull_request', pullRequestEvent('closed', push), 'd6');
    expect(h.environments.environments.get(NAME)!.desiredState).toBe('deleted');
  });

  it('stops a preview the permission policy does not let the bot clone, and says why', async () => {
    const denyClone = await previewHarness({
      entities: [storefront],
      policy: {
        async handle(request, user) {
          return isPermission(request.permission, environmentClonePermission) &&
            user?.info.userEntityRef === BOT
            ? { result: AuthorizeResult.DENY }
            : { result: AuthorizeResult.ALLOW };
        },
      },
    });
    try {
      denyClone.grant(REPO, 'alice', 'admin');
      await denyClone.deliver(
        'pull_request',
        pullRequestEvent('opened', { ...at, author: 'alice' }),
        'd1',
      );
      expect(denyClone.environments.changes).toEqual([]);
      expect(denyClone.environments.environments.has(NAME)).toBe(false);
      expect(denyClone.environments.authorized).toContainEqual({
        permission: 'environments.environment.clone',
        user: BOT,
        result: AuthorizeResult.DENY,
      });
      expect(denyClone.previewComment(REPO, 42)).toContain(
        '**Failed:** the permission policy does not allow user:default/preview-bot (environments.github.actAs) to do this: user:default/preview-bot may not environments.environment.clone',
      );
    } finally {
      await denyClone.stop();
    }
  });
});

describe('PreviewService: the base environment', () => {
  const opened = pullRequestEvent('opened', {
    repository: REPO,
    number: 42,
    author: 'alice',
  });

  async function harness(
    options: Parameters<typeof previewHarness>[0],
  ): Promise<Harness> {
    const h = await previewHarness(options);
    h.grant(REPO, 'alice', 'write');
    return h;
  }

  it('refuses when several Components of the repository have a preview base, naming them', async () => {
    const h = await harness({
      entities: [storefront, previewComponent('checkout', REPO, 'qa')],
    });
    try {
      await h.deliver('pull_request', opened, 'd1');
      expect(h.environments.changes).toEqual([]);
      expect(h.previewComment(REPO, 42)).toContain(
        'several Components of example/storefront have greenroom.dev/preview-base (`component:default/checkout`, `component:default/storefront`); previews need exactly one, so nothing was deployed',
      );
      expect(h.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('Several Components of the repository'),
        expect.objectContaining({
          components:
            'component:default/checkout, component:default/storefront',
        }),
      );
    } finally {
      await h.stop();
    }
  });

  it('never uses a Component whose source location is another repository', async () => {
    const h = await harness({
      entities: [
        previewComponent('storefront', REPO, 'staging', {
          'backstage.io/source-location':
            'url:https://github.com/mallory/storefront/tree/main/',
        }),
      ],
    });
    try {
      await h.deliver('pull_request', opened, 'd1');
      expect(h.environments.calls).toEqual([]);
      expect(h.github.writes()).toEqual([]);
      expect(h.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('does not belong to example/storefront'),
      );
    } finally {
      await h.stop();
    }
  });

  it('never clones a production environment', async () => {
    const h = await harness({
      entities: [previewComponent('storefront', REPO, 'prod')],
      environments: [
        baseEnvironment('prod', 'storefront', { mode: 'production' }),
      ],
    });
    try {
      await h.deliver('pull_request', opened, 'd1');
      expect(h.environments.changes).toEqual([]);
      expect(h.previewComment(REPO, 42)).toContain(
        '`prod` is a production environment, which is never a preview base; nothing was deployed',
      );
      expect(h.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('production environment'),
        expect.anything(),
      );
    } finally {
      await h.stop();
    }
  });

  it('clones only allowed bases when environments.github.allowedBases is set', async () => {
    const h = await harness({
      entities: [storefront],
      github: { allowedBases: ['qa'] },
    });
    try {
      await h.deliver('pull_request', opened, 'd1');
      expect(h.environments.changes).toEqual([]);
      expect(h.previewComment(REPO, 42)).toContain(
        '`staging` is not an allowed preview base (environments.github.allowedBases: qa)',
      );
    } finally {
      await h.stop();
    }
    const allowed = await harness({
      entities: [storefront],
      github: { allowedBases: ['qa', 'staging'] },
    });
    try {
      await allowed.deliver('pull_request', opened, 'd1');
      expect(allowed.environments.changes[0].method).toBe('cloneEnvironment');
    } finally {
      await allowed.stop();
    }
  });
});

describe('PreviewService: preview identity', () => {
  const foreign = makeEnvironment({
    name: NAME,
    mode: 'development',
    origin: { type: 'manual' },
  });
  let h: Harness;
  beforeEach(async () => {
    h = await previewHarness({
      entities: [
        storefront,
        previewComponent('storefront-fork', 'mallory/storefront'),
      ],
      environments: [baseEnvironment(), foreign],
    });
    h.grant(REPO, 'alice', 'write');
    h.grant('mallory/storefront', 'mallory', 'admin');
  });
  afterEach(() => h.stop());

  const event = (action: 'opened' | 'synchronize' | 'closed') =>
    pullRequestEvent(action, { repository: REPO, number: 42, author: 'alice' });
  const nothingChanged =
    "environment `pr-example-storefront-42` exists and is not this pull request's preview; nothing was changed";

  it('gives the same repository name under another owner its own preview', async () => {
    await h.deliver(
      'pull_request',
      pullRequestEvent('opened', {
        repository: 'mallory/storefront',
        number: 42,
        author: 'mallory',
      }),
      'd1',
    );
    expect(h.environments.changes[0]).toMatchObject({
      method: 'cloneEnvironment',
      args: { name: 'pr-mallory-storefront-42' },
    });
    expect(h.environments.environments.get(NAME)).toEqual(foreign);
  });

  it.each(['opened', 'synchronize', 'closed'] as const)(
    'never touches an environment of the same name that is not this PR (%s)',
    async action => {
      if (action === 'closed') {
        // a preview comment exists from an earlier event
        await h.deliver('pull_request', event('opened'), 'd0');
      }
      await h.deliver('pull_request', event(action), 'd1');
      expect(h.environments.changes).toEqual([]);
      expect(h.environments.environments.get(NAME)).toEqual(foreign);
      expect(h.previewComment(REPO, 42)).toContain(nothingChanged);
    },
  );

  it.each([
    '/preview',
    '/preview stop',
    '/preview extend 2d',
    '/preview destroy',
  ])('never touches it on %s either, and replies why', async body => {
    h.github.pulls.set(`${REPO}#42`, pullRequestOf(event('opened')));
    await h.deliver(
      'issue_comment',
      pullRequestCommentEvent({
        repository: REPO,
        number: 42,
        author: 'alice',
        body,
        commentId: 601,
      }),
      'd1',
    );
    expect(h.environments.changes).toEqual([]);
    expect(h.environments.environments.get(NAME)).toEqual(foreign);
    expect(h.reply(REPO, 42, 601)).toContain(nothingChanged);
    expect(h.previewComment(REPO, 42)).toContain(nothingChanged);
  });

  it('checks the origin again when the clone answers 409', async () => {
    h.environments.environments.delete(NAME);
    jest
      .spyOn(h.environments, 'cloneEnvironment')
      .mockImplementationOnce(async () => {
        // Someone took the name between the look and the clone.
        h.environments.environments.set(NAME, foreign);
        throw new ConflictError(`environment '${NAME}' already exists`);
      });
    await h.deliver('pull_request', event('opened'), 'd1');
    expect(h.environments.changes).toEqual([]);
    expect(h.previewComment(REPO, 42)).toContain(nothingChanged);
  });

  it('renews its own preview after a 409', async () => {
    h.environments.environments.delete(NAME);
    await h.deliver('pull_request', event('opened'), 'd1');
    await h.deliver(
      'pull_request',
      { ...event('opened'), action: 'reopened' },
      'd2',
    );
    expect(h.environments.changes.map(c => c.method)).toEqual([
      'cloneEnvironment',
      'updateEnvironment',
      'lifecycle',
      'updateEnvironment',
    ]);
    expect(h.environments.changes[2].args).toEqual({
      action: 'extend',
      by: '3d',
      renew: true,
    });
    expect(h.previewComment(REPO, 42)).toContain('renewed for 3d');
  });
});

describe('PreviewService: /preview extend beyond the limits', () => {
  let server: Server;
  let url: string;
  const preview = baseEnvironment(NAME, 'storefront', {
    mode: 'preview',
    origin: {
      type: 'preview',
      pullRequest: {
        provider: 'github',
        repository: REPO,
        number: 42,
        branch: 'changes',
        headSha: SHA_1,
        url: `https://github.com/${REPO}/pull/42`,
      },
    } as any,
  });

  beforeEach(async () => {
    // The environments backend over HTTP: a 400 naming the field.
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && req.url === `/environments/${NAME}`) {
        res.end(JSON.stringify(preview));
        return;
      }
      res.statusCode = req.url === `/environments/${NAME}/extend` ? 400 : 404;
      res.end(
        JSON.stringify({
          error: {
            name: 'InputError',
            message: 'by: must be at most 14d for preview environments',
          },
          request: { method: req.method, url: req.url },
          response: { statusCode: res.statusCode },
        }),
      );
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise(r => server.close(r)));

  it("replies with the backend's message", async () => {
    const h = await previewHarness({
      entities: [storefront],
      environmentsService: new DefaultEnvironmentsService({
        auth: mockServices.auth({ pluginId: 'environments' }),
        discovery: mockServices.discovery.mock({ getBaseUrl: async () => url }),
      }),
    });
    try {
      h.grant(REPO, 'alice', 'write');
      h.github.pulls.set(
        `${REPO}#42`,
        pullRequestOf(
          pullRequestEvent('opened', { repository: REPO, number: 42 }),
        ),
      );
      await h.deliver(
        'issue_comment',
        pullRequestCommentEvent({
          repository: REPO,
          number: 42,
          author: 'alice',
          body: '/preview extend 90d',
          commentId: 701,
        }),
        'd1',
      );
      expect(h.reply(REPO, 42, 701)).toContain(
        '@alice `/preview extend 90d` failed: by: must be at most 14d for preview environments',
      );
    } finally {
      await h.stop();
    }
  });
});
