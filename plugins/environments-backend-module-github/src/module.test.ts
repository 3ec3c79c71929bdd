import {
  createServiceFactory,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  eventsServiceRef,
  EventsService,
  EventsServiceSubscribeOptions,
} from '@backstage/plugin-events-node';
import {
  ENVIRONMENT_CHANGES_TOPIC,
  environmentsServiceRef,
} from '@greenroom/plugin-environments-node';
import opened from './__fixtures__/pull_request.opened.json';
import { BOT } from './__testUtils__/actingAs';
import {
  botAuthBackendMock,
  InMemoryEnvironmentsService,
  makeEnvironment,
} from '@greenroom/plugin-environments-node/testUtils';
import { GithubApiDouble } from './__testUtils__/GithubApiDouble';
import { environmentsModuleGithub } from './module';

function recordingEvents() {
  const subscriptions: EventsServiceSubscribeOptions[] = [];
  const service: EventsService = {
    async publish() {},
    async subscribe(options) {
      subscriptions.push(options);
    },
  };
  return { subscriptions, service };
}

const fakeAuthBackend = botAuthBackendMock(BOT);

describe('environmentsModuleGithub', () => {
  let github: GithubApiDouble;
  beforeEach(async () => {
    github = await new GithubApiDouble().start();
  });
  afterEach(() => github.stop());

  async function start(data: object, logger?: ServiceFactory) {
    const events = recordingEvents();
    const environments = new InMemoryEnvironmentsService({
      environments: [makeEnvironment({ name: 'staging' })],
    });
    await startTestBackend({
      features: [
        environmentsModuleGithub,
        fakeAuthBackend,
        mockServices.rootConfig.factory({ data }),
        ...(logger ? [logger] : []),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'storefront',
                annotations: {
                  'github.com/project-slug': 'example/storefront',
                  'greenroom.dev/preview-base': 'staging',
                },
              },
            },
          ],
        }),
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events.service,
        }),
        createServiceFactory({
          service: environmentsServiceRef,
          deps: {},
          factory: () => environments,
        }),
      ],
    });
    return { events, environments };
  }

  it('subscribes to pull_request and issue_comment events and handles them as the actAs user', async () => {
    github.permissions.set('example/storefront:alice', {
      permission: 'write',
      role_name: 'write',
    });
    const { events, environments } = await start({
      app: { baseUrl: 'http://localhost:3000' },
      integrations: {
        github: [{ host: 'github.com', apiBaseUrl: github.url, token: 't' }],
      },
      environments: { github: { actAs: BOT } },
    });
    expect(events.subscriptions).toHaveLength(2);
    const [subscription] = events.subscriptions;
    expect(subscription.topics).toEqual([
      'github.pull_request',
      'github.issue_comment',
    ]);
    await subscription.onEvent({
      topic: 'github.pull_request',
      eventPayload: opened,
      metadata: { 'x-github-event': 'pull_request', 'x-github-delivery': 'd1' },
    });
    expect(environments.changes).toEqual([
      expect.objectContaining({
        method: 'cloneEnvironment',
        name: 'staging',
        args: expect.objectContaining({
          name: 'pr-example-storefront-42',
          ttl: '3d',
        }),
        principal: { type: 'user', userEntityRef: BOT },
      }),
    ]);
    expect(environments.calls.map(c => c.principal)).toEqual(
      environments.calls.map(() => ({ type: 'user', userEntityRef: BOT })),
    );
    expect(github.writes()).toHaveLength(1);
  });

  it('updates the preview comment when its environment changes, logging failures', async () => {
    github.permissions.set('example/storefront:alice', {
      permission: 'write',
      role_name: 'write',
    });
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    const { events, environments } = await start(
      {
        app: { baseUrl: 'http://localhost:3000' },
        integrations: {
          github: [{ host: 'github.com', apiBaseUrl: github.url, token: 't' }],
        },
        environments: { github: { actAs: BOT } },
      },
      logger.factory,
    );
    const [pullRequests, changes] = events.subscriptions;
    expect(changes.topics).toEqual([ENVIRONMENT_CHANGES_TOPIC]);
    await pullRequests.onEvent({
      topic: 'github.pull_request',
      eventPayload: opened,
      metadata: { 'x-github-event': 'pull_request', 'x-github-delivery': 'd1' },
    });
    const name = 'pr-example-storefront-42';
    const preview = environments.environments.get(name)!;
    environments.environments.set(name, { ...preview, status: 'running' });

    await changes.onEvent({
      topic: ENVIRONMENT_CHANGES_TOPIC,
      eventPayload: { name, change: 'upserted' },
    });
    expect(github.commentsOf('example/storefront', 42)[0].body).toContain(
      '**running**',
    );
    expect(github.writes().map(w => w.method)).toEqual(['POST', 'PATCH']);
    expect(environments.calls.map(c => c.principal)).toEqual(
      environments.calls.map(() => ({ type: 'user', userEntityRef: BOT })),
    );

    // A preview whose pull request is on a host without an integration.
    const pullRequest = preview.origin.pullRequest!;
    environments.environments.set(name, {
      ...preview,
      origin: {
        ...preview.origin,
        pullRequest: {
          ...pullRequest,
          url: 'https://github.example.com/example/storefront/pull/42',
        },
      },
    });
    await expect(
      changes.onEvent({
        topic: ENVIRONMENT_CHANGES_TOPIC,
        eventPayload: { name, change: 'upserted' },
      }),
    ).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(
      `Could not update the preview comment of environment ${name}`,
      expect.objectContaining({ name: 'InputError' }),
    );
  });

  it('stays off without environments.github', async () => {
    const { events } = await start({
      app: { baseUrl: 'http://localhost:3000' },
    });
    expect(events.subscriptions).toEqual([]);
  });

  it('refuses a malformed previewTtl at startup', async () => {
    await expect(
      start({
        app: { baseUrl: 'http://localhost:3000' },
        environments: { github: { previewTtl: 'soon', actAs: BOT } },
      }),
    ).rejects.toThrow('environments.github.previewTtl');
  });

  it.each([
    [{}, 'environments.github.actAs is required'],
    [
      { actAs: 'group:default/bots' },
      "Invalid environments.github.actAs: 'group:default/bots' is not a user entity ref",
    ],
    [{ actAs: 'user:' }, 'Invalid environments.github.actAs'],
  ])(
    'refuses to start without a user to act as (%j)',
    async (githubConfig, message) => {
      await expect(
        start({
          app: { baseUrl: 'http://localhost:3000' },
          environments: { github: githubConfig },
        }),
      ).rejects.toThrow(message);
    },
  );
});
