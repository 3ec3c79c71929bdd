import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { PREVIEW_COMMENT_MARKER } from '@greenroom/plugin-environments-common';
import { environmentsServiceRef } from '@greenroom/plugin-environments-node';
import {
  botAuthBackendMock,
  InMemoryEnvironmentsService,
  makeEnvironment,
} from '@greenroom/plugin-environments-node/testUtils';
import { GitlabApiDouble } from './__testUtils__/GitlabApiDouble';
import {
  mergeRequestEvent,
  mergeRequestNoteEvent,
  mergeRequestOf,
} from './__testUtils__/webhookExamples';
import { environmentsModuleGitlab } from './module';

const BOT = 'user:default/preview-bot';
const SECRET = 'webhook-secret-do-not-log';
const TOKEN = 'glpat-do-not-log-this-token';
const PROJECT = 'example/storefront';
const NAME = 'pr-example-storefront-1';
const SHA_1 = '1111111111111111111111111111111111111111';
const SHA_2 = '2222222222222222222222222222222222222222';

const REPORTER = { id: 20, username: 'rita' };
const DEVELOPER = { id: 30, username: 'dev' };

function storefront(host: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'storefront',
      annotations: {
        'gitlab.com/project-slug': PROJECT,
        'greenroom.dev/preview-base': 'staging',
        'backstage.io/source-location': `url:${host}/${PROJECT}/-/tree/main/`,
      },
    },
    spec: { type: 'service', owner: 'team-shop', lifecycle: 'production' },
  };
}

const staging = makeEnvironment({
  name: 'staging',
  services: [
    {
      name: 'storefront',
      kind: 'application',
      componentRef: 'component:default/storefront',
      image: { repository: 'registry.example.com/storefront', tag: '1.0.0' },
      ports: [{ port: 8080, public: true }],
      resources: { cpu: '250m', memory: '256Mi' },
      replicas: 1,
      customDomains: [],
      variables: [],
    },
  ],
});

// A whole backend per test: slow when the machine is busy.
jest.setTimeout(60_000);

describe('environmentsModuleGitlab', () => {
  let gitlab: GitlabApiDouble;
  afterEach(() => gitlab.stop());

  /**
   * A backend with the events plugin, GitLab's events module and this
   * module, GitLab at `host` (its API on the double, under `apiPrefix`).
   */
  async function start(options: { host?: string; apiPrefix?: string } = {}) {
    const host = options.host ?? 'http://example.com';
    gitlab = await new GitlabApiDouble(options.apiPrefix).start();
    gitlab.members.set(`${PROJECT}:51`, 30); // the example's author
    gitlab.members.set(`${PROJECT}:${REPORTER.id}`, 20);
    gitlab.members.set(`${PROJECT}:${DEVELOPER.id}`, 30);
    const environments = new InMemoryEnvironmentsService({
      environments: [staging],
    });
    const events = mockServices.events();
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    const backend = await startTestBackend({
      features: [
        import('@backstage/plugin-events-backend'),
        import('@backstage/plugin-events-backend-module-gitlab'),
        environmentsModuleGitlab,
        botAuthBackendMock(BOT),
        logger.factory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            events: { modules: { gitlab: { webhookSecret: SECRET } } },
            integrations: {
              gitlab: [
                {
                  host: new URL(host).host,
                  apiBaseUrl: gitlab.apiBaseUrl,
                  token: TOKEN,
                },
              ],
            },
            environments: { gitlab: { actAs: BOT } },
          },
        }),
        catalogServiceMock.factory({ entities: [storefront(host)] }),
        createServiceFactory({
          service: environmentsServiceRef,
          deps: {},
          factory: () => environments,
        }),
        // One events service for every plugin, delivering in-process as
        // the events backend does on a single instance.
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
      ],
    });
    const { port } = backend.server.address() as { port: number };
    let delivery = 0;
    /** Posts a webhook as GitLab does; answers the HTTP status. */
    const post = async (
      payload: Record<string, any>,
      token: string = SECRET,
    ) => {
      delivery += 1;
      const res = await fetch(
        `http://127.0.0.1:${port}/api/events/http/gitlab`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-gitlab-token': token,
            'x-gitlab-event':
              payload.object_kind === 'note'
                ? 'Note Hook'
                : 'Merge Request Hook',
            'x-gitlab-event-uuid': `event-${delivery}`,
          },
          body: JSON.stringify(payload),
        },
      );
      return res.status;
    };
    const note = () => {
      const found = gitlab
        .notesOf(PROJECT, 1)
        .filter(n => n.body.includes(PREVIEW_COMMENT_MARKER));
      expect(found.length).toBeLessThanOrEqual(1);
      return found[0]?.body;
    };
    const changed = () => environments.changes.map(c => c.method);
    return { environments, logger, post, note, changed, host };
  }

  const at = (fields: Partial<Parameters<typeof mergeRequestEvent>[0]> = {}) =>
    mergeRequestEvent({
      project: PROJECT,
      iid: 1,
      action: 'open',
      headSha: SHA_1,
      ...fields,
    });

  it('clones a preview when a merge request opens, and writes the note as the bot', async () => {
    const { environments, post, note, changed } = await start();
    expect(await post(at())).toBe(202);

    expect(changed()).toEqual(['cloneEnvironment', 'updateEnvironment']);
    expect(environments.changes[0]).toMatchObject({
      name: 'staging',
      args: {
        name: NAME,
        mode: 'preview',
        ttl: '3d',
        pullRequest: {
          provider: 'gitlab',
          repository: PROJECT,
          number: 1,
          branch: 'ms-viewport',
          headSha: SHA_1,
          url: `http://example.com/${PROJECT}/-/merge_requests/1`,
        },
      },
      idempotencyKey: 'gitlab:event-1:clone',
      principal: { type: 'user', userEntityRef: BOT },
    });
    expect(environments.calls.map(c => c.principal)).toEqual(
      environments.calls.map(() => ({ type: 'user', userEntityRef: BOT })),
    );
    expect(note()).toContain('cloned from `staging` (merge request opened)');
    expect(note()).toContain('`ms-viewport` at `1111111`');
    expect(note()).toContain('Commands (Developer access)');
    // The author's access was asked by user id, every call with the token.
    expect(
      gitlab.requests.map(r => `${r.method} ${r.path.split('?')[0]}`),
    ).toContain('GET /api/v4/projects/example%2Fstorefront/members/all/51');
    expect(gitlab.requests.every(r => r.token === TOKEN)).toBe(true);
  });

  it('reads the preview blueprint at the head commit and deploys what it says', async () => {
    const { environments, post, note } = await start();
    gitlab.files.set(
      `${PROJECT}:${SHA_1}:.greenroom/preview.yaml`,
      [
        'apiVersion: greenroom.dev/v1alpha1',
        'kind: PreviewBlueprint',
        'spec:',
        '  services: [storefront]',
        '  variables: { FEATURE_X: "on" }',
        '  ttl: 1d',
      ].join('\n'),
    );
    expect(await post(at())).toBe(202);
    expect(environments.changes[0]).toMatchObject({
      method: 'cloneEnvironment',
      args: {
        services: ['storefront'],
        baseline: { databases: 'clone' },
        variables: [{ key: 'FEATURE_X', kind: 'value', value: 'on' }],
        ttl: '1d',
      },
    });
    expect(
      gitlab.requests.map(r => `${r.method} ${r.path.split('?')[0]}`),
    ).toContain(
      'GET /api/v4/projects/example%2Fstorefront/repository/files/.greenroom%2Fpreview.yaml/raw',
    );
    expect(note()).toContain('deploys storefront, shares the rest');
  });

  it('redeploys on an update with new commits, and ignores a title-only update', async () => {
    const { environments, post, note, changed } = await start();
    await post(at());
    const before = environments.changes.length;
    const writes = gitlab.writes().length;

    // A title change: GitLab sends no oldrev.
    expect(
      await post(
        at({
          action: 'update',
          changes: {
            title: { previous: 'MS-Viewport', current: 'Draft: MS-Viewport' },
          },
        }),
      ),
    ).toBe(202);
    expect(environments.changes).toHaveLength(before);
    expect(gitlab.writes()).toHaveLength(writes);

    await post(at({ action: 'update', headSha: SHA_2, oldrev: SHA_1 }));
    expect(changed().slice(before)).toEqual(['lifecycle', 'updateEnvironment']);
    expect(environments.changes[before]).toMatchObject({
      args: { action: 'extend', by: '3d', renew: true },
    });
    const service = environments.environments
      .get(NAME)!
      .services.find(s => s.name === 'storefront')!;
    expect(service.image?.tag).toBe(SHA_2);
    expect(note()).toContain('push of `2222222` redeployed the preview');
  });

  it.each(['merge', 'close'] as const)(
    'destroys the preview when the merge request is %sd',
    async action => {
      const { environments, post, note } = await start();
      await post(at());
      await post(at({ action }));
      expect(environments.changes.at(-1)).toMatchObject({
        method: 'lifecycle',
        name: NAME,
        args: { action: 'destroy' },
      });
      expect(note()).toContain('**destroyed**');
      expect(note()).toContain(
        `merge request ${action === 'merge' ? 'merged' : 'closed'}`,
      );
    },
  );

  it('does not deploy a fork, and says a member must comment /preview', async () => {
    const { post, note, changed } = await start();
    await post(at({ fromFork: true }));
    expect(changed()).toEqual([]);
    expect(note()).toContain('**not deployed**');
    expect(note()).toContain(
      'not deployed on its own because it comes from a fork. A member with Developer access can comment `/preview` to deploy this commit (`1111111`)',
    );
  });

  it('does not deploy a merge request by a Reporter on its own', async () => {
    const { post, note, changed } = await start();
    await post(at({ authorId: REPORTER.id, user: REPORTER }));
    expect(changed()).toEqual([]);
    expect(note()).toContain(
      'its author @rita has no Developer access to example/storefront',
    );
  });

  it("refuses a Reporter's /preview and deploys a Developer's, pinned", async () => {
    const { environments, post, note, changed } = await start();
    const fork = at({ fromFork: true });
    gitlab.mergeRequests.set(`${PROJECT}!1`, mergeRequestOf(fork));
    await post(fork);

    const command = (user: typeof REPORTER, noteId: number) =>
      mergeRequestNoteEvent({
        project: PROJECT,
        iid: 1,
        noteId,
        body: '/preview',
        user,
      });
    await post(command(REPORTER, 501));
    expect(changed()).toEqual([]);
    const reply = (id: number) =>
      gitlab
        .notesOf(PROJECT, 1)
        .find(n => n.body.includes(`greenroom-preview-reply:${id} `))?.body;
    expect(reply(501)).toContain(
      '@rita preview commands need Developer, Maintainer or Owner access to example/storefront; nothing was changed.',
    );

    await post(command(DEVELOPER, 502));
    expect(changed()).toEqual(['cloneEnvironment', 'updateEnvironment']);
    expect(environments.changes[0]).toMatchObject({
      idempotencyKey: 'gitlab:event-3:clone',
      args: { pullRequest: { headSha: SHA_1 } },
    });
    expect(note()).toContain('`/preview` by @dev');
    expect(note()).toContain('(pinned: approved with `/preview`)');
    expect(reply(502)).toBeUndefined();

    // A push to the fork stays undeployed: the preview is pinned.
    await post(
      at({ fromFork: true, action: 'update', headSha: SHA_2, oldrev: SHA_1 }),
    );
    expect(changed()).toHaveLength(2);
    expect(note()).toContain(
      'A new `/preview` by a member with Developer access is needed for the new commit',
    );
  });

  it('answers 403 to a wrong token and does nothing', async () => {
    const { post, environments } = await start();
    expect(await post(at(), 'wrong')).toBe(403);
    expect(environments.changes).toEqual([]);
    expect(gitlab.requests).toEqual([]);
  });

  it("calls a self-managed GitLab at its integration's apiBaseUrl", async () => {
    const host = 'https://gitlab.example.com';
    const { post, note, changed, logger } = await start({
      host,
      apiPrefix: '/gitlab/api/v4',
    });
    await post(at({ host }));
    expect(changed()).toEqual(['cloneEnvironment', 'updateEnvironment']);
    expect(note()).toContain('cloned from `staging`');
    expect(gitlab.requests.length).toBeGreaterThan(0);
    expect(
      gitlab.requests.every(r => r.path.startsWith('/gitlab/api/v4/')),
    ).toBe(true);
    // Neither secret reaches the logs.
    const logged = JSON.stringify(
      Object.values(logger).flatMap(fn => (fn as jest.Mock).mock?.calls ?? []),
    );
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain(SECRET);
  });
});
