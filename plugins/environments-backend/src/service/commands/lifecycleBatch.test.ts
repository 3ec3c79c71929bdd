import { ConfigReader } from '@backstage/config';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { readEnvironmentsConfig } from '../../config';
import { OperationEngine } from '../../engine/OperationEngine';
import { TestRuntime } from '../../engine/testing/TestRuntime';
import { withChangeEvents } from '../../events/publishingStore';
import { POLICY_SWEEP_ACTOR } from '../../policies/constants';
import { RuntimeRegistry } from '../../runtimes/RuntimeRegistry';
import { SecretBox } from '../../secrets/SecretBox';
import { DatabaseEnvironmentsStore } from '../../storage/DatabaseEnvironmentsStore';
import { EnvironmentCommands } from '../EnvironmentCommands';

jest.setTimeout(120_000);

const SECRETS_KEY = 'test-secrets-key-that-is-long-enough';
const T0 = Date.parse('2030-11-25T09:00:00.000Z');

describe('lifecycle actions in a batch', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const now = () => new Date(T0);
    const publish = jest.fn().mockResolvedValue(undefined);
    const store = withChangeEvents(
      await DatabaseEnvironmentsStore.forTest(
        knex,
        new SecretBox(SECRETS_KEY),
        {
          now,
        },
      ),
      publish,
      mockServices.logger.mock(),
    );
    const runtimes = new RuntimeRegistry();
    runtimes.add(new TestRuntime('test'));
    const config = readEnvironmentsConfig(
      new ConfigReader({
        environments: { secretsKey: SECRETS_KEY, defaultRuntime: 'test' },
      }),
    );
    const service = new EnvironmentCommands({
      store,
      runtimes,
      config,
      wake: () => {},
      now,
    });
    for (const [name, mode] of [
      ['dev-a', 'development'],
      ['dev-b', 'development'],
      ['dev-c', 'development'],
      ['prod', 'production'],
    ]) {
      await service.create(
        {
          name,
          system: 'system:default/shop',
          owner: 'group:default/team-shop',
          mode,
          runtime: { type: 'test' },
          services: [
            {
              name: 'web',
              kind: 'application',
              image: { repository: 'ghcr.io/example/web', tag: '1.0.0' },
            },
          ],
        },
        { actor: 'user:default/ada' },
      );
    }
    const engine = new OperationEngine({
      store,
      runtimes,
      logger: mockServices.logger.mock(),
    });
    while (await engine.runOnce()) {
      // runs the creates
    }
    publish.mockClear();
    return { knex, store, service, publish };
  }

  it.each(databases.eachSupportedId())(
    'writes several environments in one transaction, each with its own check, on %p',
    async databaseId => {
      const { knex, store, publish } = await setup(databaseId);
      const a = (await store.getEnvironmentHeader('dev-a'))!;
      const b = (await store.getEnvironmentHeader('dev-b'))!;
      const at = new Date(T0 + 60_000);
      const outcomes = await store.updateEnvironmentSpecs([
        {
          name: 'dev-a',
          patch: { desiredState: 'stopped' },
          expectedRevision: a.revision,
          operation: { type: 'stop', steps: ['stop'], requestedBy: 'x' },
          activity: { kind: 'action', actor: 'x', at },
        },
        {
          name: 'dev-b',
          patch: { desiredState: 'stopped' },
          expectedRevision: b.revision + 1,
          operation: { type: 'stop', steps: ['stop'], requestedBy: 'x' },
        },
        { name: 'missing', patch: { desiredState: 'stopped' } },
      ]);
      expect(outcomes[0]).toMatchObject({
        environment: {
          name: 'dev-a',
          desiredState: 'stopped',
          revision: a.revision + 1,
          lastActivityAt: at.toISOString(),
        },
        operation: { type: 'stop', environmentName: 'dev-a', status: 'queued' },
      });
      expect(outcomes[1]).toEqual({ error: expect.any(Error) });
      expect((outcomes[1] as { error: Error }).error.name).toBe(
        'ConflictError',
      );
      expect((outcomes[2] as { error: Error }).error.name).toBe(
        'NotFoundError',
      );
      const stored = (await store.getEnvironmentHeader('dev-a'))!;
      expect(stored).toMatchObject({
        desiredState: 'stopped',
        revision: a.revision + 1,
        lastActivityAt: at.toISOString(),
      });
      expect(await store.getEnvironmentHeader('dev-b')).toEqual(b);
      const [{ count }] = await knex('activity')
        .where({ kind: 'action', actor: 'x' })
        .count({ count: '*' });
      expect(Number(count)).toBe(1);
      expect(publish.mock.calls.map(([e]) => e)).toEqual([
        { name: 'dev-a', change: 'upserted' },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'one request failing its checks fails alone, and a retried batch replays, on %p',
    async databaseId => {
      const { store, service } = await setup(databaseId);
      const ctx = async (name: string, key: string) => {
        const header = (await store.getEnvironmentHeader(name))!;
        return {
          actor: POLICY_SWEEP_ACTOR,
          idempotencyKey: key,
          expectedRevision: header.revision,
          precondition: {
            id: header.id,
            refusedModes: ['production' as const],
          },
        };
      };
      const requests = [
        {
          name: 'dev-a',
          action: 'stop' as const,
          ctx: await ctx('dev-a', 'k-a'),
        },
        {
          name: 'prod',
          action: 'stop' as const,
          ctx: await ctx('prod', 'k-p'),
        },
        {
          name: 'dev-b',
          action: 'stop' as const,
          ctx: { ...(await ctx('dev-b', 'k-b')), expectedRevision: 99 },
        },
        {
          name: 'dev-c',
          action: 'destroy' as const,
          ctx: {
            ...(await ctx('dev-c', 'k-c')),
            precondition: { id: 'another-id' },
          },
        },
      ];
      const outcomes = await service.lifecycleBatch(requests);
      expect(outcomes[0]).toMatchObject({
        operation: { type: 'stop', environmentName: 'dev-a' },
      });
      const errors = outcomes.slice(1).map(o => 'error' in o && o.error.name);
      expect(errors).toEqual([
        'NotAllowedError',
        'ConflictError',
        'ConflictError',
      ]);
      for (const name of ['prod', 'dev-b', 'dev-c']) {
        expect((await store.getEnvironmentHeader(name))!.desiredState).toBe(
          'running',
        );
      }
      expect((await store.getEnvironmentHeader('dev-a'))!.desiredState).toBe(
        'stopped',
      );
      const operation = (outcomes[0] as { operation: { id: string } })
        .operation;
      const again = await service.lifecycleBatch([requests[0]]);
      expect(again).toEqual([
        {
          operation: expect.objectContaining({ id: operation.id }),
          replayed: true,
        },
      ]);
    },
  );
});
