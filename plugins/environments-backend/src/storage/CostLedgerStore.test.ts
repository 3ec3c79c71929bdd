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

    it.each(databases.eachSupportedId())(
      "replaces all of an environment's open intervals at once, in chunks, on %p",
      async databaseId => {
        const { store } = await setup(databaseId);
        const at = (hours: number) =>
          new Date(START.getTime() + hours * 3_600_000);
        await store.openServiceInterval(interval('env-1', 'old'), at(0));
        await store.openServiceInterval(interval('env-2', 'web'), at(0));
        // More services than one INSERT takes.
        const many = Array.from({ length: 120 }, (_, i) =>
          interval('env-1', `svc-${i}`),
        );
        await store.replaceServiceIntervals('env-1', many, at(1));

        const intervals = await store.listServiceIntervals('env-1');
        expect(intervals).toHaveLength(121);
        expect(intervals.find(i => i.serviceName === 'old')).toMatchObject({
          endedAt: at(1).toISOString(),
        });
        expect(
          intervals
            .filter(i => i.endedAt === undefined)
            .map(i => i.serviceName),
        ).toEqual(expect.arrayContaining(many.map(i => i.serviceName)));
        expect(intervals.filter(i => i.endedAt === undefined)).toHaveLength(
          120,
        );
        await expect(store.listServiceIntervals('env-2')).resolves.toEqual([
          { ...interval('env-2', 'web'), startedAt: at(0).toISOString() },
        ]);
      },
    );

    it.each(databases.eachSupportedId())(
      'replaces only changed running intervals when reconciling on %p',
      async databaseId => {
        const { store } = await setup(databaseId);
        const at = (hours: number) =>
          new Date(START.getTime() + hours * 3_600_000);
        await store.openServiceInterval(interval('env-1', 'web'), at(0));
        await store.openServiceInterval(interval('env-1', 'db'), at(0));
        await store.openServiceInterval(
          { ...interval('env-1', 'worker'), state: 'stopped' },
          at(0),
        );
        const observed = (serviceName: string, cpuCores: number) => ({
          ...interval('env-1', serviceName),
          cpuCores,
          reason: 'observed',
        });

        // web scaled from 1 to 3 replicas; db unchanged (up to float noise);
        // worker stopped by an operation; api has no open interval.
        await expect(
          store.reconcileRunningIntervals(
            [
              observed('web', 0.75),
              observed('db', 0.1 + 0.15),
              observed('worker', 1),
              observed('api', 1),
            ],
            at(1),
          ),
        ).resolves.toEqual(['web']);
        // The same observation again changes nothing.
        await expect(
          store.reconcileRunningIntervals([observed('web', 0.75)], at(2)),
        ).resolves.toEqual([]);
        // A different instance class is a change too.
        await expect(
          store.reconcileRunningIntervals(
            [{ ...interval('env-1', 'db'), instanceClass: 'db.r6g.large' }],
            at(3),
          ),
        ).resolves.toEqual(['db']);

        const intervals = await store.listServiceIntervals('env-1');
        expect(
          intervals.map(i => [
            i.serviceName,
            i.state,
            i.cpuCores,
            i.instanceClass,
            i.startedAt,
            i.endedAt,
          ]),
        ).toEqual([
          [
            'web',
            'running',
            0.25,
            undefined,
            at(0).toISOString(),
            at(1).toISOString(),
          ],
          [
            'db',
            'running',
            0.25,
            undefined,
            at(0).toISOString(),
            at(3).toISOString(),
          ],
          [
            'worker',
            'stopped',
            0.25,
            undefined,
            at(0).toISOString(),
            undefined,
          ],
          ['web', 'running', 0.75, undefined, at(1).toISOString(), undefined],
          [
            'db',
            'running',
            0.25,
            'db.r6g.large',
            at(3).toISOString(),
            undefined,
          ],
        ]);
        expect(
          (await store.listOpenServiceIntervals('env-1')).map(
            i => i.serviceName,
          ),
        ).toEqual(['worker', 'web', 'db']);
      },
    );
  });
});
