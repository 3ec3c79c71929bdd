import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { ownerOnlyPermissions } from '../__testUtils__/permissions';
import { waitFor } from '../engine/testing/waitFor';
import { environmentsPlugin } from '../plugin';
import { PREVIEW_QUEUED_ITEM } from '@greenroom/plugin-environments-common';

jest.setTimeout(120_000);

const API = '/api/environments/environments';

const environment = (
  name: string,
  extra: {
    mode?: string;
    system?: string;
    owner?: string;
    priority?: number;
  } = {},
) => ({
  name,
  system: extra.system ?? 'shop',
  owner: extra.owner ?? 'team-shop',
  mode: extra.mode ?? 'preview',
  services: [
    {
      name: 'storefront',
      kind: 'application',
      image: { repository: 'ghcr.io/example/storefront', tag: '1.0.0' },
      ports: [{ port: 8080, public: true }],
    },
  ],
  ...(extra.priority === undefined
    ? {}
    : { policy: { priority: extra.priority } }),
});

describe('quotas of running previews per system and per team', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function start(
    databaseId: TestDatabaseId,
    extraFeatures: any[] = [],
    // The former key of the per-system limit still works.
    previews: object = { maxRunningPerSystem: 2 },
  ) {
    const knex = await databases.init(databaseId);
    const notifications = { send: jest.fn().mockResolvedValue(undefined) };
    const scheduler = mockServices.scheduler.mock();
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            environments: {
              secretsKey: 'test-secrets-key-that-is-long-enough',
              localRuntime: { delayMs: 10 },
              previews,
            },
          },
        }),
        scheduler.factory,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => notifications,
        }),
        ...extraFeatures,
      ],
    });
    const task = scheduler.scheduleTask.mock.calls.find(
      ([t]) => t.id === 'environments-start-queued-previews',
    )![0];
    expect(task).toMatchObject({ scope: 'global', frequency: { minutes: 1 } });
    const startQueued = () =>
      task.fn(new AbortController().signal) as Promise<void>;
    return { server, notifications, startQueued };
  }

  async function get(server: any, name: string) {
    return (await request(server).get(`${API}/${name}`)).body;
  }

  async function create(server: any, body: object) {
    const res = await request(server).post(API).send(body);
    expect(res.status).toBe(202);
    return res.body;
  }

  async function waitForStatus(server: any, name: string, status: string) {
    for (let i = 0; i < 200; i++) {
      const env = await get(server, name);
      if (env.status === status) return env;
      await new Promise(r => setTimeout(r, 25));
    }
    throw new Error(`environment ${name} never reached ${status}`);
  }

  type Operation = { type: string; status: string };

  async function waitForOperations(
    server: any,
    name: string,
    done: (items: Operation[]) => boolean,
  ): Promise<Operation[]> {
    return waitFor(async () => {
      const { items } = (await request(server).get(`${API}/${name}/operations`))
        .body;
      return done(items) ? (items as Operation[]) : undefined;
    }, 5_000);
  }

  it.each(databases.eachSupportedId())(
    'stops the longest idle, lowest priority preview of the system and notifies its owner, on %p',
    async databaseId => {
      const { server, notifications } = await start(databaseId);
      // Never counted: production of the same system, a preview elsewhere.
      await create(server, environment('prod', { mode: 'production' }));
      await create(server, environment('pr-other-1', { system: 'other' }));
      await create(server, environment('pr-storefront-40'));
      await waitForStatus(server, 'pr-storefront-40', 'running');
      await create(server, environment('pr-storefront-41'));
      await waitForStatus(server, 'pr-storefront-41', 'running');
      // 40 was used since: 41 is the longest idle.
      await new Promise(r => setTimeout(r, 20));
      await request(server)
        .post(`${API}/pr-storefront-40/activity`)
        .send({})
        .expect(204);

      // Source of a clone: a staging environment of the same system.
      await create(server, environment('staging', { mode: 'staging' }));
      await waitForStatus(server, 'staging', 'running');
      const cloned = await request(server)
        .post(`${API}/staging/clone`)
        .send({ name: 'pr-storefront-42', mode: 'preview' });
      expect(cloned.status).toBe(202);
      expect(cloned.body.operation.type).toBe('clone');

      await waitForStatus(server, 'pr-storefront-41', 'stopped');
      const stopped = await get(server, 'pr-storefront-41');
      expect(stopped.desiredState).toBe('stopped');
      const ops = await request(server).get(
        `${API}/pr-storefront-41/operations`,
      );
      expect(ops.body.items[0]).toMatchObject({
        type: 'stop',
        requestedBy: 'service:environments/preview-quota',
      });
      await waitForStatus(server, 'pr-storefront-42', 'running');

      expect(notifications.send).toHaveBeenCalledTimes(1);
      expect(notifications.send).toHaveBeenCalledWith({
        recipients: { type: 'entity', entityRef: 'group:default/team-shop' },
        payload: expect.objectContaining({
          title: 'Preview pr-storefront-41 was stopped to make room',
          link: '/environments/pr-storefront-41',
          severity: 'normal',
          topic: 'greenroom-previews',
        }),
      });
      for (const name of [
        'prod',
        'pr-other-1',
        'pr-storefront-40',
        'staging',
      ]) {
        expect(await get(server, name)).toMatchObject({
          desiredState: 'running',
          status: 'running',
        });
      }

      // Other modes are never queued nor reclaimed for.
      await create(server, environment('dev-ada', { mode: 'development' }));
      await waitForStatus(server, 'dev-ada', 'running');
      expect(await get(server, 'pr-storefront-40')).toMatchObject({
        desiredState: 'running',
      });
      expect(notifications.send).toHaveBeenCalledTimes(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'queues a preview when only higher priority ones run, and starts it when a slot frees, on %p',
    async databaseId => {
      const { server, notifications, startQueued } = await start(databaseId);
      await create(server, environment('pr-a', { priority: 30 }));
      await create(server, environment('pr-b', { priority: 30 }));
      await create(server, environment('pr-other', { system: 'other' }));
      await waitForStatus(server, 'pr-a', 'running');
      await waitForStatus(server, 'pr-b', 'running');

      const queued = await create(server, environment('pr-c'));
      expect(queued.environment).toMatchObject({
        desiredState: 'stopped',
        status: 'stopped',
        attention: [
          {
            item: PREVIEW_QUEUED_ITEM,
            reason:
              'Waiting for a slot: 2 previews of system:default/shop are running',
          },
        ],
      });
      await waitForStatus(server, 'pr-c', 'stopped');
      const afterFirst = await get(server, 'pr-c');
      expect(afterFirst.attention).toHaveLength(1);

      // No room yet: the task leaves it queued.
      await startQueued();
      expect(await get(server, 'pr-c')).toMatchObject({
        desiredState: 'stopped',
      });
      // Starting it by hand does not jump the queue either.
      const refused = await request(server).post(`${API}/pr-c/start`).send({});
      expect(refused.status).toBe(409);

      await request(server).post(`${API}/pr-a/stop`).send({}).expect(202);
      await waitForStatus(server, 'pr-a', 'stopped');
      await startQueued();

      const started = await waitForStatus(server, 'pr-c', 'running');
      expect(started.desiredState).toBe('running');
      expect(started.attention).toEqual([]);
      // Queued before it ever ran, it is deployed by its deferred create.
      // The environment shows running a moment before its operation is saved as done.
      const ops = await waitForOperations(server, 'pr-c', items =>
        items.every(o => o.status === 'succeeded'),
      );
      expect(ops.map(o => o.type)).toEqual(['create', 'stop']);
      expect(ops[0]).toMatchObject({
        status: 'succeeded',
        requestedBy: 'service:environments/preview-quota',
      });
      expect(await get(server, 'pr-b')).toMatchObject({
        desiredState: 'running',
      });
      expect(await get(server, 'pr-other')).toMatchObject({
        desiredState: 'running',
      });
      expect(notifications.send).not.toHaveBeenCalled();
    },
  );

  it.each(databases.eachSupportedId())(
    'stops nothing for a request that fails, on %p',
    async databaseId => {
      const { server, notifications } = await start(databaseId);
      await create(server, environment('pr-a'));
      await create(server, environment('pr-b'));
      await waitForStatus(server, 'pr-a', 'running');
      await waitForStatus(server, 'pr-b', 'running');
      await create(server, environment('staging', { mode: 'staging' }));

      // Each would have reclaimed pr-a or pr-b before it failed (a preview
      // named like the staging environment failed only when stored).
      const failing: Array<[string, object, number]> = [
        ['/', environment('staging'), 409],
        ['/', { ...environment('pr-c'), policy: { priority: 31 } }, 400],
        ['/', { ...environment('pr-c'), policy: { ttl: '15d' } }, 400],
        ['/staging/clone', { name: 'pr-b', mode: 'preview' }, 409],
        ['/staging/clone', { name: 'pr-c', mode: 'preview', ttl: '15d' }, 400],
      ];
      for (const [path, body, status] of failing) {
        const res = await request(server)
          .post(path === '/' ? API : `${API}${path}`)
          .send(body);
        expect({ path, status: res.status }).toEqual({ path, status });
      }
      for (const name of ['pr-a', 'pr-b']) {
        expect(await get(server, name)).toMatchObject({
          desiredState: 'running',
        });
      }
      expect(notifications.send).not.toHaveBeenCalled();
    },
  );

  it.each(databases.eachSupportedId())(
    'reclaims only previews the requester may stop, else queues, on %p',
    async databaseId => {
      // The requester may not stop (environments.environment.lifecycle) these.
      const protectedNames = new Set(['pr-theirs']);
      const permissions = mockServices.permissions.mock({
        authorize: async (requests: any[]) =>
          requests.map(r => ({
            result:
              r.permission.name === 'environments.environment.lifecycle' &&
              protectedNames.has(r.resourceRef)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
        authorizeConditional: async (requests: any[]) =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      } as any);
      const { server } = await start(databaseId, [permissions.factory]);
      await create(server, environment('pr-theirs'));
      await waitForStatus(server, 'pr-theirs', 'running');
      await create(server, environment('pr-mine'));
      await waitForStatus(server, 'pr-mine', 'running');

      // pr-theirs is the longest idle, but not the requester's to stop.
      await create(server, environment('pr-new'));
      await waitForStatus(server, 'pr-mine', 'stopped');
      await waitForStatus(server, 'pr-new', 'running');
      expect(await get(server, 'pr-theirs')).toMatchObject({
        desiredState: 'running',
      });

      // Nothing left that the requester may stop: the next one waits.
      protectedNames.add('pr-new');
      const queued = await create(server, environment('pr-last'));
      expect(queued.environment).toMatchObject({
        desiredState: 'stopped',
        attention: [expect.objectContaining({ item: PREVIEW_QUEUED_ITEM })],
      });
      for (const name of ['pr-theirs', 'pr-new']) {
        expect(await get(server, name)).toMatchObject({
          desiredState: 'running',
        });
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "admits a preview only when its team's quota has room too, on %p",
    async databaseId => {
      const { server, notifications, startQueued } = await start(
        databaseId,
        [],
        { quota: { perSystem: 5, perTeam: 1, teams: { 'team-a': 2 } } },
      );
      // team-shop may run one preview, in any system.
      await create(server, environment('pr-shop-1'));
      await waitForStatus(server, 'pr-shop-1', 'running');
      await create(server, environment('pr-shop-2', { system: 'other' }));
      await waitForStatus(server, 'pr-shop-1', 'stopped');
      await waitForStatus(server, 'pr-shop-2', 'running');
      expect(notifications.send).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: 'group:default/team-shop' },
        }),
      );
      // team-a has its own limit of two: nothing of team-shop's is touched.
      await create(server, environment('pr-a-1', { owner: 'team-a' }));
      await create(server, environment('pr-a-2', { owner: 'team-a' }));
      await waitForStatus(server, 'pr-a-1', 'running');
      await waitForStatus(server, 'pr-a-2', 'running');
      // A third one, of lower priority than both: it waits for a slot.
      const queued = await create(
        server,
        environment('pr-a-3', { owner: 'team-a', priority: 5 }),
      );
      expect(queued.environment).toMatchObject({
        desiredState: 'stopped',
        attention: [
          {
            item: PREVIEW_QUEUED_ITEM,
            reason:
              'Waiting for a slot: 2 previews of group:default/team-a are running',
          },
        ],
      });
      expect(await get(server, 'pr-shop-2')).toMatchObject({
        desiredState: 'running',
      });

      await request(server).post(`${API}/pr-a-1/stop`).send({}).expect(202);
      await waitForStatus(server, 'pr-a-1', 'stopped');
      await startQueued();
      await waitForStatus(server, 'pr-a-3', 'running');
    },
  );

  it.each(databases.eachSupportedId())(
    'answers how full the quotas are, naming only the previews the caller may read, on %p',
    async databaseId => {
      // Reading is conditional: the caller reads team-shop's environments only.
      const permissions = ownerOnlyPermissions(['group:default/team-shop']);
      const { server } = await start(databaseId, [permissions.factory], {
        quota: { perSystem: 3, systems: { 'system:default/other': 1 } },
      });
      await create(server, environment('pr-theirs', { owner: 'team-a' }));
      await waitForStatus(server, 'pr-theirs', 'running');
      await create(server, environment('pr-busy', { priority: 20 }));
      await create(server, environment('pr-low', { priority: 5 }));
      await create(server, environment('pr-other', { system: 'other' }));
      await create(
        server,
        environment('pr-waiting', { system: 'other', priority: 1 }),
      );
      await create(server, environment('staging', { mode: 'staging' }));
      await waitForStatus(server, 'pr-low', 'running');
      const answer = await request(server).get(
        '/api/environments/previews/quota',
      );
      expect(answer.status).toBe(200);
      const entry = (priority: number, name: string, reclaimNext = false) => ({
        name,
        priority,
        lastActivityAt: expect.any(String),
        reclaimNext,
      });
      expect(answer.body).toEqual({
        configured: true,
        systems: [
          {
            ref: 'system:default/other',
            limit: 1,
            running: 1,
            queued: 1,
            previews: [entry(10, 'pr-other', true)],
          },
          {
            ref: 'system:default/shop',
            limit: 3,
            running: 3,
            queued: 0,
            // pr-theirs (priority 10) counts, but is not named.
            previews: [entry(5, 'pr-low', true), entry(20, 'pr-busy')],
          },
        ],
        teams: [
          {
            ref: 'group:default/team-a',
            running: 1,
            queued: 0,
            previews: [],
          },
          {
            ref: 'group:default/team-shop',
            running: 3,
            queued: 1,
            previews: [
              entry(5, 'pr-low'),
              entry(10, 'pr-other'),
              entry(20, 'pr-busy'),
            ],
          },
        ],
      });
    },
  );
});
