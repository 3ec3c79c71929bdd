import { mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { ENVIRONMENT_CHANGES_TOPIC } from '@greenroom/plugin-environments-node';
import { environmentsServiceMock } from '@greenroom/plugin-environments-node/testUtils';
import {
  environmentEntityV1alpha1Validator,
  type ApiEnvironment,
} from '@greenroom/plugin-environments-common';
import { EnvironmentEntityProvider } from './EnvironmentEntityProvider';

const environment = (
  name: string,
  extra: Partial<ApiEnvironment> = {},
): ApiEnvironment => ({
  id: `id-${name}`,
  name,
  title: `${name} title`,
  system: 'system:default/shop',
  owner: 'group:default/team-shop',
  mode: 'development',
  runtime: { type: 'kubernetes', target: 'dev' },
  services: [
    {
      name: 'orders-api',
      kind: 'application',
      componentRef: 'component:default/orders-api',
      template: { ref: 'servicetemplate:default/node-api', version: '1.2.0' },
      ports: [],
      resources: { cpu: '250m', memory: '256Mi' },
      replicas: 1,
      customDomains: [],
      variables: [{ key: 'TOKEN', kind: 'value', value: 'never-in-catalog' }],
    },
  ],
  variables: [
    { key: 'STRIPE_KEY', kind: 'secret', isSet: true },
    { key: 'LOG_LEVEL', kind: 'value', value: 'never-in-catalog' },
  ],
  policy: { priority: 50 },
  desiredState: 'running',
  status: 'running',
  origin: { type: 'manual' },
  attention: [],
  lastActivityAt: '2026-11-23T10:00:00.000Z',
  createdBy: 'user:default/ada',
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  revision: 1,
  ...extra,
});

function setup(options: { all?: ApiEnvironment[]; failList?: boolean } = {}) {
  const all = options.all ?? [];
  const environments = environmentsServiceMock.mock({
    listEnvironments: jest.fn(async ({ limit = 50, offset = 0 }) => {
      if (options.failList) throw new Error('environments backend unavailable');
      return {
        items: all.slice(offset, offset + limit),
        totalCount: all.length,
      };
    }),
    getEnvironment: jest.fn(async name => all.find(e => e.name === name)),
  });
  const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
  const schedule = { run: jest.fn() };
  const logger = mockServices.logger.mock();
  const events = DefaultEventsService.create({ logger }).forPlugin('catalog');
  const provider = new EnvironmentEntityProvider({
    environments,
    auth: mockServices.auth(),
    logger,
    schedule,
    events,
    appBaseUrl: 'http://localhost:3000',
  });
  return { provider, environments, connection, schedule, logger, events };
}

describe('EnvironmentEntityProvider', () => {
  it('schedules a full refresh that publishes valid entities without variables', async () => {
    const { provider, connection, schedule } = setup({
      all: [
        environment('dev-ada'),
        environment('staging', { mode: 'staging' }),
      ],
    });
    await provider.connect(connection);
    expect(schedule.run).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'greenroom-environments:refresh' }),
    );
    await schedule.run.mock.calls[0][0].fn();

    const mutation = connection.applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('full');
    expect(mutation.entities.map((e: any) => e.entity.metadata.name)).toEqual([
      'dev-ada',
      'staging',
    ]);
    const entity = mutation.entities[0].entity;
    expect(entity.spec).toEqual({
      mode: 'development',
      system: 'system:default/shop',
      owner: 'group:default/team-shop',
      runtime: 'kubernetes/dev',
      state: 'running',
      services: [
        {
          name: 'orders-api',
          kind: 'application',
          componentRef: 'component:default/orders-api',
          template: 'servicetemplate:default/node-api@1.2.0',
        },
      ],
      origin: 'manual',
    });
    expect(entity.metadata.links).toEqual([
      {
        url: 'http://localhost:3000/environments/dev-ada',
        title: 'Open in Greenroom',
      },
    ]);
    expect(JSON.stringify(mutation)).not.toContain('never-in-catalog');
    await expect(
      environmentEntityV1alpha1Validator.check(entity),
    ).resolves.toBe(true);
  });

  it('links each public service URL and carries where the Kubernetes plugin finds it, nothing else a runtime says', async () => {
    const base = environment('dev-ada');
    const { provider, connection } = setup({
      all: [
        environment('dev-ada', {
          services: [
            {
              ...base.services[0],
              observed: {
                phase: 'running',
                publicUrls: ['https://orders-dev-ada.example.com'],
                internalUrls: ['http://orders-api-dev-ada:8080'],
                lastTransitionAt: '2026-11-23T10:00:00.000Z',
                observedAt: '2026-11-23T10:05:00.000Z',
              },
            },
          ],
          observation: {
            drift: [],
            failures: 0,
            entityAnnotations: {
              'backstage.io/kubernetes-namespace': 'gr-dev-ada',
              'backstage.io/kubernetes-label-selector':
                'greenroom.dev/environment=dev-ada',
              'backstage.io/managed-by-location':
                'url:https://evil.example.com',
            },
          },
        }),
      ],
    });
    await provider.connect(connection);
    await provider.refresh();
    const entity = connection.applyMutation.mock.calls[0][0].entities[0].entity;
    expect(entity.metadata.links).toEqual([
      {
        url: 'http://localhost:3000/environments/dev-ada',
        title: 'Open in Greenroom',
      },
      {
        url: 'https://orders-dev-ada.example.com',
        title: 'orders-api',
        type: 'service',
      },
    ]);
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/kubernetes-namespace': 'gr-dev-ada',
      'backstage.io/kubernetes-label-selector':
        'greenroom.dev/environment=dev-ada',
      'backstage.io/managed-by-location': 'greenroom:environments',
    });
    await expect(
      environmentEntityV1alpha1Validator.check(entity),
    ).resolves.toBe(true);
  });

  it('pages through large sets', async () => {
    const many = Array.from({ length: 1203 }, (_, i) =>
      environment(`env-${i}`),
    );
    const { provider, connection } = setup({ all: many });
    await provider.connect(connection);
    await provider.refresh();
    expect(connection.applyMutation.mock.calls[0][0].entities).toHaveLength(
      1203,
    );
  });

  it('keeps the catalog as it is when listing fails', async () => {
    const { provider, connection, logger } = setup({ failList: true });
    await provider.connect(connection);
    await provider.refresh();
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalledWith(
      'Could not publish environments to the catalog',
      expect.any(Error),
    );
  });

  it('applies a delta when the environments plugin announces a change', async () => {
    const { provider, connection, events } = setup({
      all: [environment('dev-ada')],
    });
    await provider.connect(connection);

    await events.publish({
      topic: ENVIRONMENT_CHANGES_TOPIC,
      eventPayload: { name: 'dev-ada', change: 'upserted' },
    });
    await events.publish({
      topic: ENVIRONMENT_CHANGES_TOPIC,
      eventPayload: { name: 'gone', change: 'deleted' },
    });

    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'delta',
      added: [
        expect.objectContaining({
          entity: expect.objectContaining({ kind: 'Environment' }),
        }),
      ],
      removed: [],
    });
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'delta',
      added: [],
      removed: [
        {
          entityRef: 'environment:default/gone',
          locationKey: 'greenroom:environments',
        },
      ],
    });
  });

  it('applies a change announced during a full refresh after it, so that the refresh does not undo it', async () => {
    const all = [environment('dev-ada')];
    const { provider, connection, environments, events } = setup({ all });
    let release!: () => void;
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    let listing!: () => void;
    const listingStarted = new Promise<void>(resolve => {
      listing = resolve;
    });
    // The refresh lists before the new environment exists, and applies later.
    (environments.listEnvironments as jest.Mock).mockImplementationOnce(
      async () => {
        const items = all.slice();
        listing();
        await released;
        return { items, totalCount: items.length };
      },
    );
    await provider.connect(connection);

    const refreshing = provider.refresh();
    await listingStarted;
    all.push(environment('dev-new'));
    const announced = events.publish({
      topic: ENVIRONMENT_CHANGES_TOPIC,
      eventPayload: { name: 'dev-new', change: 'upserted' },
    });
    release();
    await Promise.all([refreshing, announced]);

    const mutations = connection.applyMutation.mock.calls.map(
      ([mutation]) => mutation,
    );
    expect(mutations.map(m => m.type)).toEqual(['full', 'delta']);
    expect(
      mutations[0].entities.map((e: any) => e.entity.metadata.name),
    ).toEqual(['dev-ada']);
    expect(mutations[1].added.map((e: any) => e.entity.metadata.name)).toEqual([
      'dev-new',
    ]);
  });
});
