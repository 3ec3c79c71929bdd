import { ConfigReader } from '@backstage/config';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
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

/**
 * The policy sweep queues hundreds of stops and starts in its first run:
 * what one costs in queries is what that run waits on.
 */
describe('a lifecycle action queued by a background job', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'reads only the row, writes the spec, operation and activity in one transaction, and announces without a read, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let clock = T0;
      const now = () => new Date(clock);
      const inner = await DatabaseEnvironmentsStore.forTest(
        knex,
        new SecretBox(SECRETS_KEY),
        { now },
      );
      const publish = jest.fn().mockResolvedValue(undefined);
      const store = withChangeEvents(
        inner,
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
      await service.create(
        {
          name: 'dev-ada',
          system: 'system:default/shop',
          owner: 'group:default/team-shop',
          mode: 'development',
          runtime: { type: 'test' },
          services: [
            {
              name: 'web',
              kind: 'application',
              image: { repository: 'ghcr.io/example/web', tag: '1.0.0' },
              variables: [{ key: 'LOG_LEVEL', kind: 'value', value: 'info' }],
            },
          ],
        },
        { actor: 'user:default/ada' },
      );
      const engine = new OperationEngine({
        store,
        runtimes,
        logger: mockServices.logger.mock(),
      });
      while (await engine.runOnce()) {
        // next
      }
      const before = (await store.getEnvironment('dev-ada'))!;
      publish.mockClear();
      clock = T0 + 60_000;

      const queries: string[] = [];
      const onQuery = (query: Knex.Sql) => queries.push(query.sql);
      knex.on('query', onQuery);
      const { environment, operation } = await service.lifecycle(
        'dev-ada',
        'stop',
        undefined,
        {
          actor: POLICY_SWEEP_ACTOR,
          idempotencyKey: `policy/idle-stop/${before.id}/r${before.revision}`,
          expectedRevision: before.revision,
          reason: 'auto-stop',
        },
      );
      knex.off('query', onQuery);

      // Idempotency lookup, the row, then BEGIN, the row locked, its
      // update, the operation, the activity, services, variables, COMMIT.
      expect(queries).toHaveLength(10);
      expect(environment).toEqual({
        ...before,
        desiredState: 'stopped',
        revision: before.revision + 1,
        lastActivityAt: new Date(T0 + 60_000).toISOString(),
        updatedAt: new Date(T0 + 60_000).toISOString(),
      });
      expect(await store.getEnvironment('dev-ada')).toEqual(environment);
      expect(operation).toMatchObject({
        type: 'stop',
        requestedBy: POLICY_SWEEP_ACTOR,
        input: { reason: 'auto-stop' },
      });
      expect(
        await knex('activity')
          .where({ environment_id: before.id, actor: POLICY_SWEEP_ACTOR })
          .select('kind', 'at'),
      ).toEqual([{ kind: 'action', at: expect.anything() }]);
      expect(publish).toHaveBeenCalledWith({
        name: 'dev-ada',
        change: 'upserted',
      });
    },
  );
});
