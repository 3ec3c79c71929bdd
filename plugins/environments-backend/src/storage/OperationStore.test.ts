import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { OperationRecord } from './types';
import {
  START,
  newEnvironment,
  newOperation,
  setupStore,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const setup = (databaseId: TestDatabaseId) => setupStore(databases, databaseId);

describe('OperationStore', () => {
  describe('operations', () => {
    it.each(databases.eachSupportedId())(
      'returns the existing operation for a repeated idempotency key on %p',
      async databaseId => {
        const { store } = await setup(databaseId);
        const { environment } = await store.createEnvironment(
          newEnvironment('x'),
          newOperation(),
        );
        const stop = newOperation({
          type: 'stop',
          steps: ['stop'],
          idempotencyKey: 'abc',
          input: { reason: 'manual' },
        });

        const first = await store.createOperation(environment.id, stop);
        const second = await store.createOperation(environment.id, stop);
        expect(first.created).toBe(true);
        expect(second).toEqual({ operation: first.operation, created: false });
        expect(first.operation.input).toEqual({ reason: 'manual' });
        await expect(
          store.findOperationByIdempotencyKey('user:default/guest', 'abc'),
        ).resolves.toEqual({ operation: first.operation });

        // The fingerprint of the request is kept beside the operation, never on it.
        const fingerprinted = await store.createOperation(environment.id, {
          ...stop,
          idempotencyKey: 'ghi',
          requestFingerprint: 'f'.repeat(64),
        });
        expect(fingerprinted.operation).not.toHaveProperty(
          'requestFingerprint',
        );
        await expect(
          store.findOperationByIdempotencyKey('user:default/guest', 'ghi'),
        ).resolves.toEqual({
          operation: fingerprinted.operation,
          requestFingerprint: 'f'.repeat(64),
        });

        // the key is per user
        const other = await store.createOperation(environment.id, {
          ...stop,
          requestedBy: 'user:default/other',
        });
        expect(other.created).toBe(true);

        const concurrent = await Promise.all(
          [1, 2, 3].map(() =>
            store.createOperation(environment.id, {
              ...stop,
              idempotencyKey: 'def',
            }),
          ),
        );
        expect(concurrent.filter(c => c.created)).toHaveLength(1);
        expect(new Set(concurrent.map(c => c.operation.id)).size).toBe(1);

        await expect(
          store.createOperation('unknown', newOperation()),
        ).rejects.toThrow(NotFoundError);
        await expect(store.getOperation('unknown')).resolves.toBeUndefined();
      },
    );

    it.each(databases.eachSupportedId())(
      'claims the oldest runnable operation, one per environment, on %p',
      async databaseId => {
        const { store, clock } = await setup(databaseId);
        const { environment: x, operation: createX } =
          await store.createEnvironment(newEnvironment('x'), newOperation());
        clock.tick(1);
        const { operation: createY } = await store.createEnvironment(
          newEnvironment('y'),
          newOperation(),
        );
        clock.tick(1);
        const { operation: stopX } = await store.createOperation(
          x.id,
          newOperation({ type: 'stop' }),
        );

        const first = await store.claimOperation('replica-1', 30_000);
        expect(first).toMatchObject({
          id: createX.id,
          status: 'running',
          attempts: 1,
          leaseOwner: 'replica-1',
          leaseExpiresAt: new Date(
            clock.now().getTime() + 30_000,
          ).toISOString(),
        });
        await expect(store.getOperation(createX.id)).resolves.toEqual(first);

        // x is busy, so y's create comes next, then nothing
        await expect(
          store.claimOperation('replica-2', 30_000),
        ).resolves.toMatchObject({ id: createY.id });
        await expect(
          store.claimOperation('replica-2', 30_000),
        ).resolves.toBeUndefined();

        // once x's create is done, its stop may run
        await expect(
          store.updateOperation(createX.id, 'replica-1', {
            status: 'succeeded',
          }),
        ).resolves.toBe(true);
        await expect(
          store.claimOperation('replica-2', 30_000),
        ).resolves.toMatchObject({ id: stopX.id, leaseOwner: 'replica-2' });
      },
    );

    it.each(databases.eachSupportedId())(
      'takes over an expired lease on %p',
      async databaseId => {
        const { store, clock } = await setup(databaseId);
        const { operation } = await store.createEnvironment(
          newEnvironment('x'),
          newOperation(),
        );
        await store.claimOperation('replica-1', 10_000);
        await store.updateOperation(operation.id, 'replica-1', {
          checkpoints: { namespace: { created: true } },
        });

        clock.tick(5_000);
        await expect(
          store.renewLease(operation.id, 'replica-1', 10_000),
        ).resolves.toBe(true);
        clock.tick(9_000);
        await expect(
          store.claimOperation('replica-2', 10_000),
        ).resolves.toBeUndefined();
        clock.tick(2_000);

        const taken = await store.claimOperation('replica-2', 10_000);
        expect(taken).toMatchObject({
          id: operation.id,
          attempts: 2,
          leaseOwner: 'replica-2',
          checkpoints: { namespace: { created: true } },
        });

        // the old owner can no longer write
        await expect(
          store.renewLease(operation.id, 'replica-1', 10_000),
        ).resolves.toBe(false);
        await expect(
          store.updateOperation(operation.id, 'replica-1', {
            status: 'failed',
          }),
        ).resolves.toBe(false);
        await expect(store.getOperation(operation.id)).resolves.toMatchObject({
          status: 'running',
        });
      },
    );

    it.each(databases.eachSupportedId())(
      'saves progress, merges checkpoints and ends the lease on %p',
      async databaseId => {
        const { store, clock } = await setup(databaseId);
        const { operation } = await store.createEnvironment(
          newEnvironment('x'),
          newOperation(),
        );
        await store.claimOperation('replica-1', 10_000);
        clock.tick(1_000);

        await store.updateOperation(operation.id, 'replica-1', {
          steps: [
            {
              name: 'provision',
              status: 'succeeded',
              startedAt: START.toISOString(),
              finishedAt: clock.now().toISOString(),
            },
            { name: 'observe', status: 'running' },
          ],
          checkpoints: { a: 1 },
        });
        await store.updateOperation(operation.id, 'replica-1', {
          checkpoints: { b: [2] },
        });
        await store.updateOperation(operation.id, 'replica-1', {
          status: 'failed',
          error: 'runtime unavailable',
        });

        const stored = await store.getOperation(operation.id);
        expect(stored).toMatchObject({
          status: 'failed',
          error: 'runtime unavailable',
          checkpoints: { a: 1, b: [2] },
          updatedAt: clock.now().toISOString(),
        });
        expect(stored!.steps[0].status).toBe('succeeded');
        expect(stored!.leaseOwner).toBeUndefined();
        expect(stored!.leaseExpiresAt).toBeUndefined();
        await expect(
          store.claimOperation('replica-2', 10_000),
        ).resolves.toBeUndefined();
      },
    );

    it.each(databases.eachSupportedId())(
      'never gives the same operation to concurrent claimers on %p',
      async databaseId => {
        const { store, clock } = await setup(databaseId);
        for (const name of ['a', 'b', 'c', 'd']) {
          clock.tick(1);
          await store.createEnvironment(newEnvironment(name), newOperation());
        }
        // a second operation of 'a' must wait for the first
        const a = await store.getEnvironment('a');
        await store.createOperation(a!.id, newOperation({ type: 'stop' }));

        const claims = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            store.claimOperation(`replica-${i}`, 30_000),
          ),
        );
        const claimed = claims.filter(c => c !== undefined);
        expect(new Set(claimed.map(c => c!.id)).size).toBe(claimed.length);
        expect(new Set(claimed.map(c => c!.environmentName)).size).toBe(
          claimed.length,
        );

        // whatever was skipped under contention is claimed afterwards
        const rest: OperationRecord[] = [];
        let claim = await store.claimOperation('late', 30_000);
        while (claim) {
          rest.push(claim);
          claim = await store.claimOperation('late', 30_000);
        }
        expect(
          [...claimed, ...rest].map(c => c!.environmentName).sort(),
        ).toEqual(['a', 'b', 'c', 'd']);
      },
    );

    it.each(databases.eachSupportedId())(
      'runs one operation of an environment at a time under concurrency on %p',
      async databaseId => {
        const { store, clock } = await setup(databaseId);
        const { environment } = await store.createEnvironment(
          newEnvironment('x'),
          newOperation(),
        );
        for (const type of ['stop', 'start', 'extend', 'update'] as const) {
          clock.tick(1);
          await store.createOperation(environment.id, newOperation({ type }));
        }

        // Each claimer that skips the operation another one has locked
        // finds the next operation of the same environment.
        for (let round = 0; round < 3; round++) {
          const claims = await Promise.all(
            Array.from({ length: 5 }, (_, i) =>
              store.claimOperation(`replica-${i}`, 30_000),
            ),
          );
          const claimed = claims.filter(c => c !== undefined);
          expect(claimed).toHaveLength(1);
          await store.updateOperation(claimed[0]!.id, claimed[0]!.leaseOwner!, {
            status: 'succeeded',
          });
        }
      },
    );

    it.each(databases.eachSupportedId())(
      'lists operations newest first on %p',
      async databaseId => {
        const { store, clock } = await setup(databaseId);
        const { environment, operation: create } =
          await store.createEnvironment(newEnvironment('x'), newOperation());
        clock.tick(1);
        const { operation: stop } = await store.createOperation(
          environment.id,
          newOperation({ type: 'stop' }),
        );
        clock.tick(1);
        const { operation: start } = await store.createOperation(
          environment.id,
          newOperation({ type: 'start' }),
        );

        const all = await store.listOperations(environment.id);
        expect(all.map(o => o.id)).toEqual([start.id, stop.id, create.id]);
        const latest = await store.listOperations(environment.id, { limit: 1 });
        expect(latest.map(o => o.id)).toEqual([start.id]);
      },
    );
  });
});
