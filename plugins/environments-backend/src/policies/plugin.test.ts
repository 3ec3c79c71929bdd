import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  ActivitySource,
  environmentsActivityExtensionPoint,
} from '@greenroom/plugin-environments-node';
import request from 'supertest';
import { environmentsPlugin } from '../plugin';
import { waitForEnvironmentStatus } from '../__testUtils__/waitForEnvironment';

jest.setTimeout(120_000);

describe('policy sweep and activity poll wiring', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function start(
    databaseId: TestDatabaseId,
    options: { sources?: ActivitySource[]; config?: object } = {},
  ) {
    const knex = await databases.init(databaseId);
    const scheduler = mockServices.scheduler.mock();
    const notifications = { send: jest.fn().mockResolvedValue(undefined) };
    const features: any[] = [
      environmentsPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          environments: {
            secretsKey: 'test-secrets-key-that-is-long-enough',
            localRuntime: { delayMs: 10 },
            ...options.config,
          },
        },
      }),
      scheduler.factory,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => notifications,
      }),
    ];
    if (options.sources) {
      features.push(
        createBackendModule({
          pluginId: 'environments',
          moduleId: 'test-activity',
          register(reg) {
            reg.registerInit({
              deps: { activity: environmentsActivityExtensionPoint },
              async init({ activity }) {
                activity.addActivitySource(...options.sources!);
              },
            });
          },
        }),
      );
    }
    const { server } = await startTestBackend({ features });
    const task = (id: string) =>
      scheduler.scheduleTask.mock.calls.find(([t]) => t.id === id)?.[0];
    return { server, task };
  }

  it.each(databases.eachSupportedId())(
    'schedules a global policy sweep every minute by default on %p',
    async databaseId => {
      const { task } = await start(databaseId);
      expect(task('environments-policy-sweep')).toMatchObject({
        scope: 'global',
        frequency: { milliseconds: 60_000 },
        timeout: { minutes: 5 },
      });
      // Without activity sources there is nothing to poll.
      expect(task('environments-activity-poll')).toBeUndefined();
      await expect(
        task('environments-policy-sweep')!.fn(new AbortController().signal),
      ).resolves.toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'polls the activity sources modules add, at the configured frequency, on %p',
    async databaseId => {
      const source: ActivitySource = {
        id: 'ingress-logs',
        readActivity: jest.fn(async ({ environmentNames }) =>
          environmentNames.map(environmentName => ({
            environmentName,
            kind: 'ingress',
            at: new Date(),
          })),
        ),
      };
      const { server, task } = await start(databaseId, {
        sources: [source],
        config: {
          policies: { sweepFrequency: '2m' },
          activity: { pollFrequency: '10m' },
        },
      });
      expect(task('environments-policy-sweep')).toMatchObject({
        frequency: { milliseconds: 120_000 },
      });
      const poll = task('environments-activity-poll');
      expect(poll).toMatchObject({
        scope: 'global',
        frequency: { milliseconds: 600_000 },
      });

      const created = await request(server)
        .post('/api/environments/environments')
        .send({
          name: 'dev-ada',
          system: 'shop',
          owner: 'team-shop',
          mode: 'development',
          services: [],
        });
      expect(created.status).toBe(202);
      await poll!.fn(new AbortController().signal);
      expect(source.readActivity).toHaveBeenCalledWith(
        expect.objectContaining({ environmentNames: ['dev-ada'] }),
      );

      // Let the engine finish the create before the database goes away.
      await waitForEnvironmentStatus(server, 'dev-ada', 'running');
    },
  );
});
