import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  eventsServiceRef,
  EventsService,
  EventsServiceSubscribeOptions,
} from '@backstage/plugin-events-node';
import { environmentsServiceRef } from '@greenroom/plugin-environments-node';
import opened from './__fixtures__/pull_request.opened.json';
import {
  EnvironmentsDouble,
  makeEnvironment,
} from './__testUtils__/EnvironmentsDouble';
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

describe('environmentsModuleGithub', () => {
  let github: GithubApiDouble;
  beforeEach(async () => {
    github = await new GithubApiDouble().start();
  });
  afterEach(() => github.stop());

  async function start(data: object) {
    const events = recordingEvents();
    const environments = new EnvironmentsDouble([
      makeEnvironment({ name: 'staging' }),
    ]);
    await startTestBackend({
      features: [
        environmentsModuleGithub,
        mockServices.rootConfig.factory({ data }),
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

  it('subscribes to pull_request and issue_comment events and handles them', async () => {
    const { events, environments } = await start({
      app: { baseUrl: 'http://localhost:3000' },
      integrations: {
        github: [{ host: 'github.com', apiBaseUrl: github.url, token: 't' }],
      },
      environments: { github: {} },
    });
    expect(events.subscriptions).toHaveLength(1);
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
        args: expect.objectContaining({ name: 'pr-storefront-42', ttl: '3d' }),
      }),
    ]);
    expect(github.writes()).toHaveLength(1);
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
        environments: { github: { previewTtl: 'soon' } },
      }),
    ).rejects.toThrow('environments.github.previewTtl');
  });
});
