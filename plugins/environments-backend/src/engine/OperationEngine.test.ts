import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import type {
  OperationType,
  Service,
} from '@greenroom/plugin-environments-common';
import {
  RuntimeError,
  type ObservedState,
  type ResolvedEnvironment,
} from '@greenroom/plugin-environments-node';
import type { JsonValue } from '@backstage/types';
import { DatabaseEnvironmentsStore } from '../storage/DatabaseEnvironmentsStore';
import type { NewEnvironment, OperationRecord } from '../storage/types';
import { RuntimeRegistry } from '../runtimes/RuntimeRegistry';
import {
  logCalls,
  loggedText,
} from '@greenroom/plugin-environments-node/testUtils';
import { SecretBox } from '../secrets/SecretBox';
import {
  OperationEngine,
  type OperationEngineOptions,
} from './OperationEngine';
import { stepsFor } from './steps';
import { interceptStore } from './testing/interceptStore';
import { TestRuntime } from './testing/TestRuntime';
import { waitFor } from './testing/waitFor';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const secrets = new SecretBox('engine-tests-key-long-enough-for-aes-256');
const HOUR = 60 * 60 * 1000;

const api: Service = {
  name: 'api',
  kind: 'application',
  ports: [{ port: 8080, public: true }],
  resources: { cpu: '500m', memory: '512Mi' },
  replicas: 2,
  customDomains: [],
  variables: [],
};
const db: Service = {
  name: 'db',
  kind: 'database',
  ports: [],
  resources: { cpu: '250m', memory: '1Gi' },
  replicas: 1,
  database: {
    engine: 'postgresql',
    version: '16',
    mode: 'container',
    storageGb: 20,
  },
  customDomains: [],
  variables: [],
};

function running(env: ResolvedEnvironment): ObservedState {
  return {
    observedAt: new Date().toISOString(),
    services: env.environment.services.map(s => ({
      name: s.name,
      phase: 'running' as const,
      urls: [],
    })),
  };
}

const never = () => new Promise<never>(() => {});

// Engines of the running test, stopped after it.
const engines: OperationEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map(engine => engine.stop()));
});

async function setup(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseEnvironmentsStore.forTest(knex, secrets);
  const runtime = new TestRuntime();
  const runtimes = new RuntimeRegistry();
  runtimes.add(runtime);
  const logger = mockServices.logger.mock();

  function newEngine(options: Partial<OperationEngineOptions> = {}) {
    const engine = new OperationEngine({
      store,
      runtimes,
      logger,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      ...options,
    });
    engines.push(engine);
    return engine;
  }

  async function createEnvironment(
    name: string,
    overrides: Partial<NewEnvironment> = {},
  ) {
    return store.createEnvironment(
      {
        name,
        title: name,
        system: 'system:default/shop',
        owner: 'group:default/team-shop',
        mode: 'development',
        runtime: { type: 'test' },
        services: [api, db],
        variables: [],
        policy: { priority: 50 },
        desiredState: 'running',
        status: 'provisioning',
        origin: { type: 'manual' },
        attention: [],
        createdBy: 'user:default/guest',
        ...overrides,
      },
      {
        type: 'create',
        steps: stepsFor('create'),
        requestedBy: 'user:default/guest',
      },
    );
  }

  async function queue(
    environmentId: string,
    type: OperationType,
    input?: JsonValue,
  ) {
    const { operation } = await store.createOperation(environmentId, {
      type,
      steps: stepsFor(type),
      requestedBy: 'user:default/guest',
      input,
    });
    return operation;
  }

  async function statusOf(environmentId: string) {
    return (await store.getEnvironmentById(environmentId))?.status;
  }

  return {
    knex,
    store,
    runtime,
    logger,
    newEngine,
    createEnvironment,
    queue,
    statusOf,
  };
}

describe('OperationEngine', () => {
  it.each(databases.eachSupportedId())(
    'creates an environment step by step and opens its ledger on %p',
    async databaseId => {
      const { knex, store, runtime, newEngine, createEnvironment, statusOf } =
        await setup(databaseId);
      const { environment, operation } = await createEnvironment('shop-dev');

      let duringApply: unknown;
      runtime.handlers.apply = async env => {
        // What the UI sees while the step runs.
        const live = await store.getOperation(operation.id);
        duringApply = {
          steps: live!.steps.map(s => [s.name, s.status]),
          status: await statusOf(environment.id),
        };
        return running(env);
      };

      const before = new Date().toISOString();
      const result = await newEngine().runOnce();
      const after = new Date().toISOString();

      expect(duringApply).toEqual({
        steps: [
          ['resolve', 'succeeded'],
          ['apply', 'running'],
          ['observe', 'queued'],
        ],
        status: 'provisioning',
      });
      expect(result).toMatchObject({ id: operation.id, status: 'succeeded' });
      expect(result!.error).toBeUndefined();
      expect(result!.leaseOwner).toBeUndefined();
      expect(result!.steps.map(s => [s.name, s.status])).toEqual([
        ['resolve', 'succeeded'],
        ['apply', 'succeeded'],
        ['observe', 'succeeded'],
      ]);
      for (const step of result!.steps) {
        expect(step.startedAt! >= before).toBe(true);
        expect(step.finishedAt! >= step.startedAt!).toBe(true);
        expect(step.finishedAt! <= after).toBe(true);
      }
      expect(result!.steps[2].message).toBe('2 running');
      expect(runtime.calls.map(c => c.method)).toEqual(['apply', 'observe']);
      expect(await statusOf(environment.id)).toBe('running');
      // The deploy counts as activity.
      const activity = await knex('activity').where({
        environment_id: environment.id,
      });
      expect(activity).toEqual([
        expect.objectContaining({
          kind: 'deploy',
          actor: 'user:default/guest',
        }),
      ]);

      const intervals = await store.listServiceIntervals(environment.id);
      expect(intervals).toHaveLength(2);
      expect(intervals).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            serviceName: 'api',
            state: 'running',
            cpuCores: 1,
            memoryGb: 1,
            storageGb: 0,
            reason: 'create',
          }),
          expect.objectContaining({
            serviceName: 'db',
            state: 'running',
            cpuCores: 0.25,
            memoryGb: 1,
            storageGb: 20,
          }),
        ]),
      );
      expect(intervals.every(i => i.endedAt === undefined)).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'runs an operation submitted in-process at once, with the environment stored with it, on %p',
    async databaseId => {
      const { store, runtime, newEngine, createEnvironment, statusOf } =
        await setup(databaseId);
      runtime.handlers.apply = async env => running(env);
      const claims = jest.spyOn(store, 'claimOperation');
      const reads = jest.spyOn(store, 'getEnvironmentById');
      // No poll after the first (empty) one: only the submit can run it.
      const engine = newEngine({ pollIntervalMs: 60_000 });
      engine.start();
      await waitFor(() => claims.mock.results.length > 0);
      await claims.mock.results[0].value;

      const created = await createEnvironment('shop-dev');
      engine.submit(created);

      const done = await waitFor(async () => {
        const operation = await store.getOperation(created.operation.id);
        return operation?.status === 'succeeded' ? operation : undefined;
      });
      expect(done.attempts).toBe(1);
      expect(claims).toHaveBeenCalledWith(
        engine.ownerId,
        expect.any(Number),
        created.operation.id,
      );
      expect(runtime.calls.map(c => c.method)).toEqual(['apply', 'observe']);
      expect(reads).not.toHaveBeenCalled();
      expect(await statusOf(created.environment.id)).toBe('running');
    },
  );

  it('records a full observation of the apply in the observe step right after, without observing again', async () => {
    const { runtime, newEngine, createEnvironment, statusOf } = await setup(
      'SQLITE_3',
    );
    const { environment } = await createEnvironment('shop-dev');
    runtime.handlers.apply = async env => {
      const observed = running(env);
      observed.services[0].phase = 'failed';
      return { ...observed, drift: [] };
    };
    const result = await newEngine().runOnce();
    expect(result).toMatchObject({ status: 'succeeded' });
    expect(runtime.calls.map(c => c.method)).toEqual(['apply']);
    expect(result!.steps[2].message).toMatch(/failed/);
    expect(await statusOf(environment.id)).toBe('degraded');
  });

  it.each(databases.eachSupportedId())(
    'marks the environment degraded when a service failed on %p',
    async databaseId => {
      const { runtime, newEngine, createEnvironment, statusOf } = await setup(
        databaseId,
      );
      const { environment } = await createEnvironment('shop-dev');
      runtime.phases.db = 'failed';

      const result = await newEngine().runOnce();

      expect(result!.status).toBe('succeeded');
      expect(result!.steps[2].message).toBe('1 running, 1 failed (db)');
      expect(await statusOf(environment.id)).toBe('degraded');
    },
  );

  it.each(databases.eachSupportedId())(
    'stops and starts an environment, moving status and ledger on %p',
    async databaseId => {
      const { store, runtime, newEngine, createEnvironment, queue, statusOf } =
        await setup(databaseId);
      const { environment } = await createEnvironment('shop-dev');
      const engine = newEngine();
      await engine.runOnce();

      const seen: unknown[] = [];
      runtime.handlers.stop = async () => {
        seen.push(await statusOf(environment.id));
      };
      runtime.handlers.start = async () => {
        seen.push(await statusOf(environment.id));
      };

      const stop = await queue(environment.id, 'stop', { reason: 'auto-stop' });
      expect(await engine.runOnce()).toMatchObject({
        id: stop.id,
        status: 'succeeded',
      });
      expect(await statusOf(environment.id)).toBe('stopped');
      const afterStop = await store.listServiceIntervals(environment.id);
      expect(afterStop).toHaveLength(4);
      expect(
        afterStop.filter(i => i.state === 'running').every(i => i.endedAt),
      ).toBe(true);
      expect(afterStop.filter(i => !i.endedAt)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            serviceName: 'api',
            state: 'stopped',
            reason: 'auto-stop',
          }),
          expect.objectContaining({
            serviceName: 'db',
            state: 'stopped',
            storageGb: 20,
            reason: 'auto-stop',
          }),
        ]),
      );

      const start = await queue(environment.id, 'start');
      const started = await engine.runOnce();
      expect(started).toMatchObject({ id: start.id, status: 'succeeded' });
      expect(started!.steps.map(s => s.name)).toEqual(['start', 'observe']);
      expect(await statusOf(environment.id)).toBe('running');
      const afterStart = await store.listServiceIntervals(environment.id);
      expect(afterStart).toHaveLength(6);
      expect(
        afterStart
          .filter(i => !i.endedAt)
          .map(i => [i.serviceName, i.state])
          .sort(),
      ).toEqual([
        ['api', 'running'],
        ['db', 'running'],
      ]);

      expect(seen).toEqual(['stopping', 'starting']);
      expect(runtime.callsOf('stop')).toHaveLength(1);
      expect(runtime.callsOf('start')).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'destroys an environment, closing its ledger and removing it on %p',
    async databaseId => {
      const { store, runtime, newEngine, createEnvironment, queue, statusOf } =
        await setup(databaseId);
      const { environment } = await createEnvironment('shop-dev');
      const engine = newEngine();
      await engine.runOnce();

      let duringDestroy: unknown;
      runtime.handlers.destroy = async () => {
        duringDestroy = await statusOf(environment.id);
      };
      const destroy = await queue(environment.id, 'destroy');
      const result = await engine.runOnce();

      expect(duringDestroy).toBe('deleting');
      expect(result).toMatchObject({ id: destroy.id, status: 'succeeded' });
      expect(result!.steps.map(s => [s.name, s.status])).toEqual([
        ['destroy', 'succeeded'],
        ['cleanup', 'succeeded'],
      ]);
      expect(runtime.callsOf('destroy')).toHaveLength(1);
      expect(await store.getEnvironmentById(environment.id)).toBeUndefined();
      const intervals = await store.listServiceIntervals(environment.id);
      expect(intervals).toHaveLength(2);
      expect(intervals.every(i => i.endedAt !== undefined)).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'extends the expiry from the later of now and the current expiry on %p',
    async databaseId => {
      const { store, runtime, newEngine, createEnvironment, queue, statusOf } =
        await setup(databaseId);
      const future = new Date(Date.now() + 5 * HOUR).toISOString();
      const past = new Date(Date.now() - 5 * HOUR).toISOString();
      const later = await createEnvironment('later', { expiresAt: future });
      const lapsed = await createEnvironment('lapsed', { expiresAt: past });
      const engine = newEngine();
      await engine.runOnce();
      await engine.runOnce();
      const runtimeCalls = runtime.calls.length;

      await queue(later.environment.id, 'extend', { by: '2d' });
      await queue(lapsed.environment.id, 'extend', { by: '1h30m' });
      const before = Date.now();
      expect(await engine.runOnce()).toMatchObject({ status: 'succeeded' });
      expect(await engine.runOnce()).toMatchObject({ status: 'succeeded' });
      const after = Date.now();

      const laterNow = await store.getEnvironmentById(later.environment.id);
      expect(laterNow!.expiresAt).toBe(
        new Date(Date.parse(future) + 48 * HOUR).toISOString(),
      );
      const lapsedExpiry = Date.parse(
        (await store.getEnvironmentById(lapsed.environment.id))!.expiresAt!,
      );
      expect(lapsedExpiry).toBeGreaterThanOrEqual(before + 1.5 * HOUR);
      expect(lapsedExpiry).toBeLessThanOrEqual(after + 1.5 * HOUR);
      expect(runtime.calls).toHaveLength(runtimeCalls);
      expect(await statusOf(later.environment.id)).toBe('running');
    },
  );

  it.each(databases.eachSupportedId())(
    'never gives an expiry to an environment without one, and stops an extend at the limit of its request but never before the current expiry, on %p',
    async databaseId => {
      const { store, newEngine, createEnvironment, queue, statusOf } =
        await setup(databaseId);
      const forever = await createEnvironment('forever');
      const current = new Date(Date.now() + 5 * HOUR).toISOString();
      const capped = await createEnvironment('capped', { expiresAt: current });
      const engine = newEngine();
      await engine.runOnce();
      await engine.runOnce();

      await queue(forever.environment.id, 'extend', { by: '2d' });
      const refused = await engine.runOnce();
      expect(refused!.status).toBe('failed');
      expect(refused!.error).toContain('has no expiry to extend');
      expect(
        (await store.getEnvironmentById(forever.environment.id))!.expiresAt,
      ).toBeUndefined();
      expect(await statusOf(forever.environment.id)).toBe('running');

      const notAfter = new Date(Date.now() + 10 * HOUR).toISOString();
      await queue(capped.environment.id, 'extend', { by: '2d', notAfter });
      expect(await engine.runOnce()).toMatchObject({ status: 'succeeded' });
      expect(
        (await store.getEnvironmentById(capped.environment.id))!.expiresAt,
      ).toBe(notAfter);

      // A limit already behind the expiry leaves it where it is.
      const behind = new Date(Date.now() + HOUR).toISOString();
      await queue(capped.environment.id, 'extend', {
        by: '1h',
        notAfter: behind,
      });
      expect(await engine.runOnce()).toMatchObject({ status: 'succeeded' });
      expect(
        (await store.getEnvironmentById(capped.environment.id))!.expiresAt,
      ).toBe(notAfter);
    },
  );

  it.each(databases.eachSupportedId())(
    'fails an extend with a bad duration without failing the environment on %p',
    async databaseId => {
      const { newEngine, createEnvironment, queue, statusOf } = await setup(
        databaseId,
      );
      const { environment } = await createEnvironment('shop-dev');
      const engine = newEngine();
      await engine.runOnce();

      await queue(environment.id, 'extend', { by: 'a while' });
      const result = await engine.runOnce();

      expect(result!.status).toBe('failed');
      expect(result!.error).toContain('Invalid duration "a while"');
      expect(await statusOf(environment.id)).toBe('running');
    },
  );

  it.each(databases.eachSupportedId())(
    'resumes an operation whose engine died, skipping finished work, on %p',
    async databaseId => {
      const { store, runtime, newEngine, createEnvironment, statusOf } =
        await setup(databaseId);
      const { environment, operation } = await createEnvironment('shop-dev');

      let applyCalls = 0;
      let namespaceCreated = 0;
      runtime.handlers.apply = async (env, ctx) => {
        const first = ++applyCalls === 1;
        await ctx.checkpoint('ns-1', async () => {
          namespaceCreated++;
          return { namespace: 'gr-shop-dev' };
        });
        if (first) {
          await never(); // engine A dies here
        }
        await ctx.checkpoint('workloads', async () => ['api', 'db']);
        return running(env);
      };

      // Engine A "dies": from then on none of its calls reach the database.
      let dead = false;
      const storeA = interceptStore(store, (_method, _args, next) =>
        dead ? never() : next(),
      );
      const engineA = newEngine({
        store: storeA,
        ownerId: 'engine-a',
        leaseMs: 300,
      });
      void engineA.runOnce();

      const interrupted = await waitFor(async () => {
        const op = await store.getOperation(operation.id);
        return op?.checkpoints['apply/ns-1'] ? op : undefined;
      });
      dead = true;
      expect(interrupted).toMatchObject({
        status: 'running',
        leaseOwner: 'engine-a',
      });
      expect(interrupted.steps.map(s => s.status)).toEqual([
        'succeeded',
        'running',
        'queued',
      ]);

      const engineB = newEngine({ ownerId: 'engine-b', leaseMs: 300 });
      // A's lease still holds for a moment: B must not take over yet.
      expect(await engineB.runOnce()).toBeUndefined();
      const result = await waitFor(() => engineB.runOnce(), 5_000);

      expect(result).toMatchObject({
        id: operation.id,
        status: 'succeeded',
        attempts: 2,
      });
      expect(namespaceCreated).toBe(1);
      expect(applyCalls).toBe(2);
      // The resolve step finished on A and was not run again.
      expect(result.steps[0]).toEqual(interrupted.steps[0]);
      expect(result.checkpoints).toMatchObject({
        'apply/ns-1': { namespace: 'gr-shop-dev' },
        'apply/workloads': ['api', 'db'],
      });
      expect(await statusOf(environment.id)).toBe('running');
      const intervals = await store.listServiceIntervals(environment.id);
      expect(intervals.map(i => i.serviceName).sort()).toEqual(['api', 'db']);
      expect(intervals.every(i => i.endedAt === undefined)).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'saves checkpoints made at once in a few writes, each stored before it returns, on %p',
    async databaseId => {
      const { store, runtime, newEngine, createEnvironment } = await setup(
        databaseId,
      );
      const { operation } = await createEnvironment('shop-dev');

      const stored = new Set<string>();
      let checkpointWrites = 0;
      const countingStore = interceptStore(
        store,
        async (method, args, next) => {
          const result = await next();
          const patch = args[2] as { checkpoints?: Record<string, JsonValue> };
          if (method === 'updateOperation' && patch?.checkpoints) {
            checkpointWrites++;
            Object.keys(patch.checkpoints).forEach(key => stored.add(key));
          }
          return result;
        },
      );

      const keys = Array.from({ length: 40 }, (_, i) => `object-${i}`);
      const returnedBeforeStored: string[] = [];
      runtime.handlers.apply = async (env, ctx) => {
        await Promise.all(
          keys.map(async (key, i) => {
            await ctx.checkpoint(key, async () => ({ applied: i }));
            if (!stored.has(`apply/${key}`)) {
              returnedBeforeStored.push(key);
            }
          }),
        );
        return running(env);
      };

      const result = await newEngine({ store: countingStore }).runOnce();

      expect(result).toMatchObject({ id: operation.id, status: 'succeeded' });
      expect(returnedBeforeStored).toEqual([]);
      // One write per object would be 40 (plus the engine's own ledger key).
      expect(checkpointWrites).toBeLessThanOrEqual(4);
      const saved = await store.getOperation(operation.id);
      for (const [i, key] of keys.entries()) {
        expect(saved!.checkpoints[`apply/${key}`]).toEqual({ applied: i });
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'stop() leaves a running operation to be resumed, not failed, on %p',
    async databaseId => {
      const { store, runtime, newEngine, createEnvironment, statusOf } =
        await setup(databaseId);
      const { environment, operation } = await createEnvironment('shop-dev');
      let aborted: unknown;
      runtime.handlers.apply = (_env, ctx) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => {
            aborted = ctx.signal.reason;
            reject(ctx.signal.reason);
          });
        });

      const engineA = newEngine({
        ownerId: 'engine-a',
        leaseMs: 300,
        pollIntervalMs: 10,
      });
      engineA.start();
      await waitFor(() => runtime.callsOf('apply').length > 0);
      await engineA.stop();

      expect(aborted).toBeInstanceOf(Error);
      const stopped = await store.getOperation(operation.id);
      expect(stopped).toMatchObject({
        status: 'running',
        leaseOwner: 'engine-a',
      });
      expect(stopped!.error).toBeUndefined();
      expect(stopped!.steps[1].status).toBe('running');
      expect(await statusOf(environment.id)).toBe('provisioning');

      delete runtime.handlers.apply;
      const engineB = newEngine({ ownerId: 'engine-b' });
      const result = await waitFor(() => engineB.runOnce(), 5_000);
      expect(result).toMatchObject({ id: operation.id, status: 'succeeded' });
      expect(await statusOf(environment.id)).toBe('running');
    },
  );

  it.each(databases.eachSupportedId())(
    'stops writing when another owner took the lease over on %p',
    async databaseId => {
      const { store, runtime, newEngine, createEnvironment, statusOf } =
        await setup(databaseId);
      const { environment, operation } = await createEnvironment('shop-dev');
      const writes: string[] = [];
      let signal: AbortSignal | undefined;
      const lostStore = interceptStore(store, (method, _args, next) => {
        // The other owner takes over once apply runs: on a busy machine the
        // steps before it can outlast a renewal, which must not lose it yet.
        if (method === 'renewLease' && signal) {
          return Promise.resolve(false);
        }
        if (
          method === 'updateOperation' ||
          method.startsWith('updateEnvironment')
        ) {
          writes.push(method);
        }
        return next();
      });
      runtime.handlers.apply = async (_env, ctx) => {
        signal = ctx.signal;
        return never();
      };

      const engine = newEngine({ store: lostStore, leaseMs: 150 });
      const result = await engine.runOnce();

      expect(signal?.aborted).toBe(true);
      expect(signal?.reason).toMatchObject({ name: 'LeaseLostError' });
      // Writes before apply (status, steps) happened; none after the loss.
      const writesAtLoss = writes.length;
      await new Promise(resolve => setTimeout(resolve, 200));
      expect(writes).toHaveLength(writesAtLoss);
      expect(result).toMatchObject({ status: 'running' });
      expect(result!.error).toBeUndefined();
      expect(result!.steps[1].status).toBe('running');
      expect(await statusOf(environment.id)).toBe('provisioning');
      expect((await store.getOperation(operation.id))!.status).toBe('running');
    },
  );

  it.each(databases.eachSupportedId())(
    'retries transient runtime errors with backoff on %p',
    async databaseId => {
      const { runtime, logger, newEngine, createEnvironment, statusOf } =
        await setup(databaseId);
      const { environment, operation } = await createEnvironment('shop-dev');
      runtime.failures.apply = [
        { statusCode: 503 },
        Object.assign(new Error('Service Unavailable'), { statusCode: 503 }),
      ];

      const result = await newEngine().runOnce();

      expect(result!.status).toBe('succeeded');
      expect(runtime.callsOf('apply')).toHaveLength(3);
      expect(await statusOf(environment.id)).toBe('running');
      // The run logs through a child logger that names the operation.
      const child = logger.child.mock.calls.findIndex(
        ([meta]) =>
          (meta as { operationId?: string }).operationId === operation.id,
      );
      expect(logger.child.mock.calls[child][0]).toEqual({
        operationId: operation.id,
        environment: 'shop-dev',
      });
      const runLogger = logger.child.mock.results[child].value;
      const retries = runLogger.warn.mock.calls.filter(
        ([message]: unknown[]) =>
          message === 'Retrying apply after a transient error',
      );
      expect(retries).toHaveLength(2);
      expect(retries[1][1]).toMatchObject({
        attempt: 2,
        error: 'Service Unavailable',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'fails the operation and the environment at once on a permanent error on %p',
    async databaseId => {
      const { store, runtime, logger, newEngine, createEnvironment, statusOf } =
        await setup(databaseId);
      const { environment } = await createEnvironment('shop-dev');
      runtime.failures.apply = [
        new RuntimeError('image ghcr.io/acme/api:nope not found', {
          transient: false,
          cause: { statusCode: 503 },
        }),
      ];

      const result = await newEngine().runOnce();

      expect(result!.status).toBe('failed');
      expect(result!.error).toBe(
        'Step apply failed: image ghcr.io/acme/api:nope not found',
      );
      expect(result!.leaseOwner).toBeUndefined();
      expect(result!.steps.map(s => [s.name, s.status])).toEqual([
        ['resolve', 'succeeded'],
        ['apply', 'failed'],
        ['observe', 'cancelled'],
      ]);
      expect(result!.steps[1].message).toBe(
        'image ghcr.io/acme/api:nope not found',
      );
      expect(runtime.callsOf('apply')).toHaveLength(1);
      expect(runtime.callsOf('observe')).toHaveLength(0);
      expect(
        logCalls(logger).some(([, message]) =>
          String(message).startsWith('Retrying'),
        ),
      ).toBe(false);
      expect(await statusOf(environment.id)).toBe('failed');
      expect(await store.listServiceIntervals(environment.id)).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'never runs an operation twice with two engines polling on %p',
    async databaseId => {
      const { store, runtime, newEngine, createEnvironment } = await setup(
        databaseId,
      );
      const names = ['one', 'two', 'three', 'four', 'five', 'six'];
      const operations: OperationRecord[] = [];
      for (const name of names) {
        operations.push((await createEnvironment(name)).operation);
      }
      let inFlight = 0;
      let maxInFlight = 0;
      runtime.handlers.apply = async env => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await new Promise(resolve => setTimeout(resolve, 30));
        inFlight--;
        return running(env);
      };

      const options = { concurrency: 2, pollIntervalMs: 10, leaseMs: 5_000 };
      newEngine({ ...options, ownerId: 'engine-a' }).start();
      newEngine({ ...options, ownerId: 'engine-b' }).start();

      const finished = await waitFor(async () => {
        const all = await Promise.all(
          operations.map(o => store.getOperation(o.id)),
        );
        return all.every(o => o?.status === 'succeeded') ? all : undefined;
      });

      for (const name of names) {
        expect(runtime.callsOf('apply', name)).toHaveLength(1);
        expect(runtime.callsOf('observe', name)).toHaveLength(1);
      }
      expect(finished.map(o => o!.attempts)).toEqual(names.map(() => 1));
      // Two engines with a concurrency of two each.
      expect(maxInFlight).toBeLessThanOrEqual(4);
    },
  );

  it.each(databases.eachSupportedId())(
    'hands secret values to the runtime only, never to logs or the operation, on %p',
    async databaseId => {
      const { store, runtime, logger, newEngine, createEnvironment, queue } =
        await setup(databaseId);
      const stripeKey = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
      const apiToken = 'tok-9f86d081884c7d659a2feaa0c55ad015';
      const { environment } = await createEnvironment('shop-dev', {
        variables: [
          { key: 'STRIPE_KEY', kind: 'secret', value: stripeKey },
          { key: 'PAYMENT_KEY', kind: 'alias', aliasOf: 'STRIPE_KEY' },
        ],
        services: [
          {
            ...api,
            variables: [{ key: 'API_TOKEN', kind: 'secret', value: apiToken }],
          },
          db,
        ],
      });
      // A runtime that echoes a secret in its errors: the engine must mask it.
      runtime.failures.apply = [
        Object.assign(new Error(`upstream refused key ${stripeKey}`), {
          statusCode: 502,
        }),
      ];
      runtime.failures.stop = [new Error(`token ${apiToken} was rejected`)];

      const engine = newEngine();
      expect(await engine.runOnce()).toMatchObject({ status: 'succeeded' });
      await queue(environment.id, 'stop');
      const failed = await engine.runOnce();

      const variables = runtime.callsOf('apply')[0].resolved.variables;
      const value = (list: typeof variables.environment, key: string) =>
        list.find(v => v.key === key)?.value;
      expect(value(variables.environment, 'STRIPE_KEY')).toBe(stripeKey);
      expect(value(variables.environment, 'PAYMENT_KEY')).toBe(stripeKey);
      expect(value(variables.services.api, 'API_TOKEN')).toBe(apiToken);
      expect(value(variables.services.db, 'API_TOKEN')).toBeUndefined();

      expect(failed!.status).toBe('failed');
      expect(failed!.error).toBe('Step stop failed: token *** was rejected');
      const logged = loggedText(logger);
      expect(logged).toContain('upstream refused key ***');
      const stored = JSON.stringify(await store.listOperations(environment.id));
      for (const secret of [stripeKey, apiToken]) {
        expect(logged).not.toContain(secret);
        expect(stored).not.toContain(secret);
      }
    },
  );
});
