import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { START, interval, setupStore } from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const setup = (databaseId: TestDatabaseId) => setupStore(databases, databaseId);

describe('CostLedgerStore', () => {
  describe('service intervals', () => {
    it.each(databases.eachSupportedId())(
      'keeps service intervals on %p',
      async databaseId => {
        const { store } = await setup(databaseId);
        const at = (hours: number) =>
          new Date(START.getTime() + hours * 3_600_000);

        await store.openServiceInterval(interval('env-1', 'web'), at(0));
        await store.openServiceInterval(
          { ...interval('env-1', 'db'), instanceClass: 'db.t4g.micro' },
          at(0),
        );
        await store.openServiceInterval(
          {
            ...interval('env-1', 'web'),
            state: 'stopped',
            reason: 'auto-stop',
          },
          at(2),
        );
        await store.openServiceInterval(interval('env-2', 'web'), at(0));
        await store.closeServiceIntervals('env-1', at(3), 'db');
        await store.closeServiceIntervals('env-1', at(5));

        await expect(store.listServiceIntervals('env-1')).resolves.toEqual([
          {
            ...interval('env-1', 'web'),
            startedAt: at(0).toISOString(),
            endedAt: at(2).toISOString(),
          },
          {
            ...interval('env-1', 'db'),
            instanceClass: 'db.t4g.micro',
            startedAt: at(0).toISOString(),
            endedAt: at(3).toISOString(),
          },
          {
            ...interval('env-1', 'web'),
            state: 'stopped',
            reason: 'auto-stop',
            startedAt: at(2).toISOString(),
            endedAt: at(5).toISOString(),
          },
        ]);
        await expect(store.listServiceIntervals('env-2')).resolves.toEqual([
          { ...interval('env-2', 'web'), startedAt: at(0).toISOString() },
        ]);
      },
    );
  });
});
