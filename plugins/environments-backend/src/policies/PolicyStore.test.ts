import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { PolicyStore, noticeKey } from './PolicyStore';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@greenroom/plugin-environments-backend',
  'migrations',
);
const MIGRATION = '20261123140000_policy_sweep.js';

function operation(
  id: string,
  environmentId: string,
  type: string,
  createdAt: number,
  extra: { status?: string; requestedBy?: string; key?: string } = {},
) {
  return {
    id,
    environment_id: environmentId,
    environment_name: `env-${environmentId}`,
    type,
    status: extra.status ?? 'succeeded',
    steps: '[]',
    input: null,
    checkpoints: '{}',
    idempotency_key: extra.key ?? null,
    requested_by: extra.requestedBy ?? 'user:default/ada',
    error: null,
    attempts: 0,
    lease_owner: null,
    lease_expires_at: null,
    created_at: createdAt,
    updated_at: createdAt,
  };
}

function environment(id: string) {
  return {
    id,
    name: `env-${id}`,
    title: id,
    system: 'system:default/shop',
    owner: 'group:default/team-shop',
    mode: 'development',
    runtime_type: 'test',
    runtime_target: null,
    policy: '{}',
    desired_state: 'running',
    status: 'running',
    origin: '{"type":"manual"}',
    attention: '[]',
    expires_at: null,
    last_activity_at: 1,
    created_by: 'user:default/ada',
    created_at: 1,
    updated_at: 1,
    revision: 1,
  };
}

describe('PolicyStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'migrates its tables up and down on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('policy_notices')).toBe(true);
      expect(await knex.schema.hasTable('activity_cursors')).toBe(true);

      await knex.migrate.down({ directory: migrationsDir, name: MIGRATION });
      expect(await knex.schema.hasTable('policy_notices')).toBe(false);
      expect(await knex.schema.hasTable('activity_cursors')).toBe(false);
      expect(await knex.schema.hasTable('environments')).toBe(true);

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('policy_notices')).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'claims many notices in one statement, only those not yet claimed, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      const store = new PolicyStore(knex);
      const notice = (environmentId: string, periodKey = '1000') => ({
        environmentId,
        kind: 'expiry-warning' as const,
        periodKey,
        sentAt: '2030-11-25T09:00:00.000Z',
      });
      expect(await store.claimNotice(notice('e2'))).toBe(true);
      const claimed = await store.claimNotices([
        notice('e1'),
        notice('e2'),
        notice('e2', '2000'),
      ]);
      expect([...claimed].sort()).toEqual(
        [notice('e1'), notice('e2', '2000')].map(noticeKey).sort(),
      );
      expect(await store.claimNotices([notice('e1')])).toEqual(new Set());
      expect(await store.claimNotices([])).toEqual(new Set());
      expect(await store.listNotices(['e1', 'e2'])).toHaveLength(3);
    },
  );

  it.each(databases.eachSupportedId())(
    'claims a notice once per environment, kind and period on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      const store = new PolicyStore(knex);
      const notice = {
        environmentId: 'e1',
        kind: 'idle-warning' as const,
        periodKey: '1000',
        sentAt: '2030-11-25T09:00:00.000Z',
      };
      const claims = await Promise.all([
        store.claimNotice(notice),
        store.claimNotice(notice),
      ]);
      expect(claims.sort()).toEqual([false, true]);
      expect(await store.claimNotice({ ...notice, periodKey: '2000' })).toBe(
        true,
      );
      expect(await store.claimNotice({ ...notice, kind: 'idle-stopped' })).toBe(
        true,
      );
      expect(await store.listNotices(['e1', 'e2'])).toHaveLength(3);

      await store.releaseNotice(notice);
      expect(await store.claimNotice(notice)).toBe(true);

      await store.claimNotice({
        ...notice,
        environmentId: 'e2',
        sentAt: '2030-10-01T00:00:00.000Z',
      });
      // Read with sentSince, the notices are those the delete leaves.
      const since = new Date('2030-11-01T00:00:00Z');
      expect(
        await store.listNotices(['e1', 'e2'], { sentSince: since }),
      ).toEqual(
        (await store.listNotices(['e1', 'e2'])).filter(
          n => n.environmentId === 'e1',
        ),
      );
      expect(await store.deleteNoticesBefore(since)).toBe(1);
      expect(await store.listNotices(['e2'])).toEqual([]);
      expect(await store.listNotices(['e1'])).toContainEqual(notice);
    },
  );

  it.each(databases.eachSupportedId())(
    'finds busy environments and their last lifecycle operation on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      const store = new PolicyStore(knex);
      await knex('operations').insert([
        operation('o1', 'e1', 'create', 1),
        operation('o2', 'e1', 'stop', 2, {
          requestedBy: 'service:environments/policy-sweep',
          key: 'policy/schedule-stop/e1/r2',
        }),
        operation('o3', 'e1', 'update', 3),
        operation('o4', 'e2', 'create', 1),
        operation('o5', 'e2', 'start', 5, { status: 'queued' }),
        operation('o6', 'e3', 'clone', 1, { status: 'running' }),
      ]);

      expect(
        [...(await store.busyEnvironmentIds(['e1', 'e2', 'e3', 'e4']))].sort(),
      ).toEqual(['e2', 'e3']);
      // Those queued or running since a time: what the sweep's actions add.
      expect([...(await store.busyEnvironmentIdsSince(new Date(2)))]).toEqual([
        'e2',
      ]);
      expect(
        [...(await store.busyEnvironmentIdsSince(new Date(1)))].sort(),
      ).toEqual(['e2', 'e3']);
      expect(await store.busyEnvironmentIdsSince(new Date(6))).toEqual(
        new Set(),
      );

      const last = await store.lastLifecycleOperations(['e1', 'e2', 'e4']);
      expect([...last.keys()].sort()).toEqual(['e1', 'e2']);
      expect(last.get('e1')).toEqual({
        environmentId: 'e1',
        type: 'stop',
        requestedBy: 'service:environments/policy-sweep',
        idempotencyKey: 'policy/schedule-stop/e1/r2',
        createdAt: new Date(2).toISOString(),
      });
      expect(last.get('e2')).toMatchObject({ type: 'start' });
      // The sweep's read: the same, its time in epoch milliseconds.
      const lastMs = await store.lastLifecycleOperationsMs(['e1', 'e2', 'e4']);
      expect([...lastMs.keys()].sort()).toEqual(['e1', 'e2']);
      expect(lastMs.get('e1')).toEqual({ ...last.get('e1'), createdAt: 2 });
      expect(lastMs.get('e2')).toMatchObject({ type: 'start', createdAt: 5 });
    },
  );

  it.each(databases.eachSupportedId())(
    'reads a range of names as it reads their ids on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      const store = new PolicyStore(knex);
      await knex('environments').insert(
        ['e1', 'e2', 'e3', 'e4'].map(id => environment(id)),
      );
      await knex('operations').insert([
        operation('o1', 'e1', 'stop', 2, { status: 'queued' }),
        operation('o2', 'e2', 'start', 3, { status: 'running' }),
        operation('o3', 'e3', 'create', 1, { status: 'queued' }),
      ]);
      await store.claimNotices(
        ['e1', 'e2', 'e3'].map(id => ({
          environmentId: id,
          kind: 'idle-warning' as const,
          periodKey: '1',
          sentAt: new Date(10).toISOString(),
        })),
      );
      // env-e1 < env-e2 < env-e3: the range (env-e1, env-e2] is e2 alone.
      const range = { afterName: 'env-e1', lastName: 'env-e2' };
      expect([...(await store.busyEnvironmentIds(range))]).toEqual(['e2']);
      expect([...(await store.lastLifecycleOperations(range)).keys()]).toEqual([
        'e2',
      ]);
      expect(
        (await store.listNotices(range)).map(n => n.environmentId),
      ).toEqual(['e2']);
      // From the first name when there is no page before.
      expect(
        [...(await store.busyEnvironmentIds({ lastName: 'env-e2' }))].sort(),
      ).toEqual(['e1', 'e2']);
      // All of them, as the sweep reads them once for every page.
      expect([...(await store.busyEnvironmentIds('all'))].sort()).toEqual([
        'e1',
        'e2',
        'e3',
      ]);
      expect(
        (await store.listNotices('all')).map(n => n.environmentId).sort(),
      ).toEqual(['e1', 'e2', 'e3']);
      expect(
        [...(await store.lastLifecycleOperations('all')).keys()].sort(),
      ).toEqual(['e1', 'e2', 'e3']);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps an activity cursor per source on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      const store = new PolicyStore(knex);
      expect(await store.getActivityCursor('ingress')).toBeUndefined();
      await store.setActivityCursor('ingress', new Date(1000));
      await store.setActivityCursor('ingress', new Date(2000));
      await store.setActivityCursor('apm', new Date(500));
      expect(await store.getActivityCursor('ingress')).toEqual(new Date(2000));
      expect(await store.getActivityCursor('apm')).toEqual(new Date(500));
    },
  );
});
