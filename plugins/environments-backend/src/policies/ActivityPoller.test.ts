import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import type { ActivitySource } from '@greenroom/plugin-environments-node';
import { DatabaseEnvironmentsStore } from '../storage/DatabaseEnvironmentsStore';
import { SecretBox } from '../secrets/SecretBox';
import { ActivityPoller } from './ActivityPoller';
import { PolicyStore } from './PolicyStore';

jest.setTimeout(60_000);

const MINUTE = 60 * 1000;
const T0 = Date.parse('2030-11-25T09:00:00.000Z');

describe('ActivityPoller', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    let clock = T0;
    const store = await DatabaseEnvironmentsStore.forTest(
      knex,
      new SecretBox('test-secrets-key-that-is-long-enough'),
      { now: () => new Date(clock) },
    );
    const { environment } = await store.createEnvironment(
      {
        name: 'dev-ada',
        title: 'dev-ada',
        system: 'system:default/shop',
        owner: 'group:default/team-shop',
        mode: 'development',
        runtime: { type: 'local' },
        services: [],
        variables: [],
        policy: { priority: 30 },
        desiredState: 'running',
        status: 'running',
        origin: { type: 'manual' },
        attention: [],
        createdBy: 'user:default/ada',
      },
      { type: 'create', steps: [], requestedBy: 'user:default/ada' },
    );
    return {
      store,
      policyStore: new PolicyStore(knex),
      environment,
      knex,
      setClock: (ms: number) => {
        clock = ms;
      },
      now: () => new Date(clock),
    };
  }

  it.each(databases.eachSupportedId())(
    'records what each source reports since its last read on %p',
    async databaseId => {
      const t = await setup(databaseId);
      const reads: Array<{ since: Date; environmentNames: string[] }> = [];
      let events: any[] = [];
      const source: ActivitySource = {
        id: 'ingress-logs',
        async readActivity({ since, environmentNames }) {
          reads.push({ since, environmentNames });
          return events;
        },
      };
      const poller = new ActivityPoller({
        store: t.store,
        policyStore: t.policyStore,
        sources: [source],
        logger: mockServices.logger.mock(),
        initialLookbackMs: 5 * MINUTE,
        now: t.now,
      });
      const signal = new AbortController().signal;

      t.setClock(T0 + 10 * MINUTE);
      events = [
        {
          environmentName: 'dev-ada',
          kind: 'ingress',
          at: new Date(T0 + 7 * MINUTE),
          actor: 'user:default/ada',
        },
        { environmentName: 'unknown', kind: 'ingress', at: new Date(T0) },
        { environmentName: 'dev-ada', kind: 'ingress', at: 'not a date' },
      ];
      expect(await poller.poll(signal)).toEqual({
        recorded: 1,
        ignored: 2,
        failedSources: [],
      });
      expect(reads[0]).toEqual({
        since: new Date(T0 + 5 * MINUTE),
        environmentNames: ['dev-ada'],
      });
      expect((await t.store.getEnvironment('dev-ada'))!.lastActivityAt).toBe(
        new Date(T0 + 7 * MINUTE).toISOString(),
      );
      const rows = await t
        .knex('activity')
        .where({ environment_id: t.environment.id });
      expect(rows).toEqual([
        expect.objectContaining({ kind: 'ingress', actor: 'user:default/ada' }),
      ]);

      // The next read starts where the last ended; a time in the future
      // is recorded as now, and an odd kind as plain activity.
      t.setClock(T0 + 15 * MINUTE);
      events = [
        {
          environmentName: 'dev-ada',
          kind: 'Weird Kind!',
          at: new Date(T0 + 60 * MINUTE),
        },
      ];
      await poller.poll(signal);
      expect(reads[1].since).toEqual(new Date(T0 + 10 * MINUTE));
      expect((await t.store.getEnvironment('dev-ada'))!.lastActivityAt).toBe(
        new Date(T0 + 15 * MINUTE).toISOString(),
      );
      expect(
        await t
          .knex('activity')
          .where({ environment_id: t.environment.id, kind: 'activity' }),
      ).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'reads a failed source again from its old cursor, and the others still, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      const failing: ActivitySource = {
        id: 'apm',
        readActivity: jest
          .fn()
          .mockRejectedValueOnce(new Error('apm down'))
          .mockResolvedValue([]),
      };
      const working: ActivitySource = {
        id: 'ci',
        readActivity: jest.fn().mockResolvedValue([
          {
            environmentName: 'dev-ada',
            kind: 'deploy',
            at: new Date(T0 + MINUTE),
          },
        ]),
      };
      await t.policyStore.setActivityCursor('apm', new Date(T0));
      const poller = new ActivityPoller({
        store: t.store,
        policyStore: t.policyStore,
        sources: [failing, working],
        logger: mockServices.logger.mock(),
        now: t.now,
      });
      t.setClock(T0 + 5 * MINUTE);
      expect(await poller.poll(new AbortController().signal)).toMatchObject({
        recorded: 1,
        failedSources: ['apm'],
      });
      expect(await t.policyStore.getActivityCursor('apm')).toEqual(
        new Date(T0),
      );
      expect(await t.policyStore.getActivityCursor('ci')).toEqual(
        new Date(T0 + 5 * MINUTE),
      );
      t.setClock(T0 + 10 * MINUTE);
      await poller.poll(new AbortController().signal);
      expect(failing.readActivity).toHaveBeenLastCalledWith(
        expect.objectContaining({ since: new Date(T0) }),
      );
      expect(await t.policyStore.getActivityCursor('apm')).toEqual(
        new Date(T0 + 10 * MINUTE),
      );
    },
  );
});
