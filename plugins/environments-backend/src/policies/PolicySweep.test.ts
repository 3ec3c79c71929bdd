import { ConfigReader } from '@backstage/config';
import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import type { ActivitySource } from '@greenroom/plugin-environments-node';
import { Knex } from 'knex';
import { readEnvironmentsConfig } from '../config';
import { DatabaseEnvironmentsStore } from '../storage/DatabaseEnvironmentsStore';
import { OperationEngine } from '../engine/OperationEngine';
import { TestRuntime } from '../engine/testing/TestRuntime';
import { RuntimeRegistry } from '../runtimes/RuntimeRegistry';
import { SecretBox } from '../secrets/SecretBox';
import { EnvironmentCommands } from '../service/EnvironmentCommands';
import { ActivityPoller } from './ActivityPoller';
import { POLICY_NOTIFICATION_TOPIC, POLICY_SWEEP_ACTOR } from './constants';
import { PolicyStore } from './PolicyStore';
import { PolicySweep } from './PolicySweep';

jest.setTimeout(120_000);

const SECRETS_KEY = 'test-secrets-key-that-is-long-enough';
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Monday 25 November 2030, 09:00 UTC = 10:00 in Berlin (CET, far from a DST
// change). Later than the wall clock, which the engine uses for the activity
// of a deploy, so that activity never moves lastActivityAt past this clock.
const T0 = Date.parse('2030-11-25T09:00:00.000Z');
const OWNER = 'group:default/team-shop';
const USER = 'user:default/ada';
const BERLIN_OFFICE = {
  timezone: 'Europe/Berlin',
  active: 'Mon-Fri 08:00-20:00',
};

function body(
  name: string,
  extra: { mode?: string; policy?: object; expiresAt?: string } = {},
) {
  return {
    name,
    system: 'system:default/shop',
    owner: OWNER,
    mode: extra.mode ?? 'development',
    runtime: { type: 'test' },
    services: [
      {
        name: 'web',
        kind: 'application',
        image: { repository: 'ghcr.io/example/web', tag: '1.0.0' },
        ports: [{ port: 8080, public: true }],
      },
    ],
    ...(extra.policy ? { policy: extra.policy } : {}),
    ...(extra.expiresAt ? { expiresAt: extra.expiresAt } : {}),
  };
}

describe('PolicySweep', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    let clock = T0;
    const now = () => new Date(clock);
    const store = await DatabaseEnvironmentsStore.forTest(
      knex,
      new SecretBox(SECRETS_KEY),
      { now },
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
    const engine = new OperationEngine({
      store,
      runtimes,
      logger: mockServices.logger.mock(),
    });
    const notifications = { send: jest.fn().mockResolvedValue(undefined) };
    const policyStore = new PolicyStore(knex);
    const newSweep = () =>
      new PolicySweep({
        store,
        policyStore,
        service,
        notifications,
        logger: mockServices.logger.mock(),
        defaults: config.policyDefaults,
        idleWarningLeadMs: config.policySweep.idleWarningLeadMs,
        expiryWarningMs: config.policySweep.expiryWarningMs,
        now,
      });
    const sweep = newSweep();
    return {
      knex,
      store,
      service,
      notifications,
      policyStore,
      newSweep,
      /** Sets the clock to `T0 + offsetMs`. */
      at(offsetMs: number) {
        clock = T0 + offsetMs;
      },
      setClock(ms: number) {
        clock = ms;
      },
      sweep: () => sweep.sweep(),
      /** Runs every queued operation to its end. */
      async drain() {
        while (await engine.runOnce()) {
          // next
        }
      },
      async create(name: string, extra?: Parameters<typeof body>[1]) {
        await service.create(body(name, extra), { actor: USER });
        while (await engine.runOnce()) {
          // next
        }
        return (await store.getEnvironment(name))!;
      },
      async operations(name: string) {
        const environment = await store.getEnvironment(name);
        return store.listOperations(environment!.id);
      },
      sent: () => notifications.send.mock.calls.map(([n]) => n),
    };
  }

  async function intervals(knex: Knex, environmentId: string) {
    return knex('service_intervals')
      .where({ environment_id: environmentId })
      .orderBy('id');
  }

  it.each(databases.eachSupportedId())(
    'stops an idle development environment after its timeout, warning its owner before and telling after, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      const created = await t.create('dev-ada');
      expect(created.status).toBe('running');
      expect(created.lastActivityAt).toBe(new Date(T0).toISOString());

      // Not before the warning lead (2h - 15 min).
      t.at(2 * HOUR - 16 * MINUTE);
      await t.sweep();
      expect(t.sent()).toEqual([]);

      t.at(2 * HOUR - 15 * MINUTE);
      await t.sweep();
      expect(t.sent()).toEqual([
        {
          recipients: { type: 'entity', entityRef: OWNER },
          payload: expect.objectContaining({
            title: 'dev-ada will stop in 15m unless used',
            link: '/environments/dev-ada',
            topic: POLICY_NOTIFICATION_TOPIC,
            scope: expect.stringContaining(created.id),
          }),
        },
      ]);

      // Not before the timeout.
      t.at(2 * HOUR - MINUTE);
      await t.sweep();
      expect(t.sent()).toHaveLength(1);
      expect((await t.store.getEnvironment('dev-ada'))!.desiredState).toBe(
        'running',
      );

      t.at(2 * HOUR);
      await t.sweep();
      const stopped = (await t.store.getEnvironment('dev-ada'))!;
      expect(stopped.desiredState).toBe('stopped');
      const [stop] = await t.operations('dev-ada');
      expect(stop).toMatchObject({
        type: 'stop',
        requestedBy: POLICY_SWEEP_ACTOR,
        input: { reason: 'auto-stop' },
      });
      expect(t.sent()).toHaveLength(2);
      expect(t.sent()[1]).toMatchObject({
        recipients: { type: 'entity', entityRef: OWNER },
        payload: {
          title: 'dev-ada was stopped after 2h idle',
          link: '/environments/dev-ada',
          // Same scope as the warning: the notice replaces it in the inbox.
          scope: t.sent()[0].payload.scope,
        },
      });

      // The engine stops it; the ledger counts the stop as an auto-stop.
      await t.drain();
      expect((await t.store.getEnvironment('dev-ada'))!.status).toBe('stopped');
      const ledger = await intervals(t.knex, created.id);
      expect(ledger.map(i => [i.state, i.reason])).toEqual([
        ['running', 'create'],
        ['stopped', 'auto-stop'],
      ]);

      // Nothing more to do, nothing sent again.
      t.at(5 * HOUR);
      await t.sweep();
      expect(t.sent()).toHaveLength(2);
      expect(await t.operations('dev-ada')).toHaveLength(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'restarts the idle clock on activity, also from an ActivitySource, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      const created = await t.create('dev-ada');
      t.at(2 * HOUR - 15 * MINUTE);
      await t.sweep();
      expect(t.sent()).toHaveLength(1);

      // Someone opens it after the warning (the route records this too).
      t.at(2 * HOUR - 10 * MINUTE);
      await t.store.recordActivity(created.id, {
        kind: 'view',
        actor: USER,
        at: new Date(T0 + 2 * HOUR - 10 * MINUTE),
      });
      t.at(2 * HOUR + 30 * MINUTE);
      await t.sweep();
      expect((await t.store.getEnvironment('dev-ada'))!.desiredState).toBe(
        'running',
      );
      expect(t.sent()).toHaveLength(1);

      // Ingress traffic read from an ActivitySource counts as well.
      const source: ActivitySource = {
        id: 'ingress-logs',
        readActivity: jest.fn(async () => [
          {
            environmentName: 'dev-ada',
            kind: 'ingress',
            at: new Date(T0 + 3 * HOUR),
          },
        ]),
      };
      const poller = new ActivityPoller({
        store: t.store,
        policyStore: t.policyStore,
        sources: [source],
        logger: mockServices.logger.mock(),
        now: () => new Date(T0 + 3 * HOUR + MINUTE),
      });
      await poller.poll(new AbortController().signal);
      expect((await t.store.getEnvironment('dev-ada'))!.lastActivityAt).toBe(
        new Date(T0 + 3 * HOUR).toISOString(),
      );

      // The warning for the new idle period comes 2h - 15 min after it.
      t.at(3 * HOUR + 2 * HOUR - 16 * MINUTE);
      await t.sweep();
      expect(t.sent()).toHaveLength(1);
      t.at(3 * HOUR + 2 * HOUR - 15 * MINUTE);
      await t.sweep();
      expect(t.sent()).toHaveLength(2);
      expect(t.sent()[1].payload.scope).not.toBe(t.sent()[0].payload.scope);
      t.at(3 * HOUR + 2 * HOUR);
      await t.sweep();
      expect((await t.store.getEnvironment('dev-ada'))!.desiredState).toBe(
        'stopped',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'never stops or deletes production, even idle with a TTL in the past, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      await t.create('prod', {
        mode: 'production',
        policy: { idleAfter: '10m', schedule: BERLIN_OFFICE, ttl: '1h' },
        expiresAt: new Date(T0 - DAY).toISOString(),
      });
      const before = await t.operations('prod');
      for (const offset of [HOUR, 12 * HOUR, 3 * DAY, 30 * DAY]) {
        t.at(offset);
        await t.sweep();
        await t.sweep();
      }
      const prod = (await t.store.getEnvironment('prod'))!;
      expect(prod).toMatchObject({
        desiredState: 'running',
        status: 'running',
      });
      expect(await t.operations('prod')).toEqual(before);
      expect(t.sent()).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses production in the executor too, whatever the decision says, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      const prod = await t.create('prod', { mode: 'production' });
      // A store that claims the environment is development when listed
      // (a stale read or a bug in the decision): the executor re-reads it.
      const lying = Object.create(t.store);
      lying.listPolicyEnvironmentsMs = async (options: any) => {
        const page = await t.store.listPolicyEnvironmentsMs(options);
        return page.map(e => ({
          ...e,
          mode: 'development',
          expiresAt: T0 - DAY,
        }));
      };
      const sweep = new PolicySweep({
        store: lying,
        policyStore: t.policyStore,
        service: t.service,
        notifications: t.notifications,
        logger: mockServices.logger.mock(),
        minimumExpiryNoticeMs: 0,
        now: () => new Date(T0 + 3 * HOUR),
      });
      await sweep.sweep(); // warns (the decision believes it is development)
      const result = await sweep.sweep();
      expect(result.actions).toContainEqual({
        name: 'prod',
        action: 'expire',
        done: false,
      });
      expect((await t.store.getEnvironmentById(prod.id))!.desiredState).toBe(
        'running',
      );
      expect(
        (await t.operations('prod')).filter(o => o.type !== 'create'),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'stops outside active hours and starts inside them, in the schedule time zone, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      const policy = { idleAfter: '1w', schedule: BERLIN_OFFICE };
      // Monday 18:30 UTC = 19:30 in Berlin: inside.
      t.setClock(Date.parse('2030-11-25T18:30:00Z'));
      const created = await t.create('dev-office', { policy });
      await t.sweep();
      expect((await t.store.getEnvironment('dev-office'))!.desiredState).toBe(
        'running',
      );

      // 19:00 UTC = 20:00 in Berlin: outside.
      t.setClock(Date.parse('2030-11-25T19:00:00Z'));
      await t.sweep();
      expect((await t.store.getEnvironment('dev-office'))!.desiredState).toBe(
        'stopped',
      );
      const [stop] = await t.operations('dev-office');
      expect(stop).toMatchObject({
        type: 'stop',
        requestedBy: POLICY_SWEEP_ACTOR,
        input: { reason: 'auto-stop' },
      });
      await t.drain();
      expect(
        (await intervals(t.knex, created.id)).map(i => [i.state, i.reason]),
      ).toEqual([
        ['running', 'create'],
        ['stopped', 'auto-stop'],
      ]);

      // Tuesday 06:59 UTC = 07:59 in Berlin: still outside.
      t.setClock(Date.parse('2030-11-26T06:59:00Z'));
      await t.sweep();
      expect((await t.store.getEnvironment('dev-office'))!.desiredState).toBe(
        'stopped',
      );
      // 07:00 UTC = 08:00 in Berlin: the schedule starts what it stopped.
      t.setClock(Date.parse('2030-11-26T07:00:00Z'));
      await t.sweep();
      const [start] = await t.operations('dev-office');
      expect(start).toMatchObject({
        type: 'start',
        requestedBy: POLICY_SWEEP_ACTOR,
      });
      await t.drain();
      expect(await t.store.getEnvironment('dev-office')).toMatchObject({
        desiredState: 'running',
        status: 'running',
      });
      // Schedules are the owner's own choice: no notifications.
      expect(t.sent()).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'does not start by schedule an environment a user stopped, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      t.setClock(Date.parse('2030-11-25T15:00:00Z'));
      await t.create('dev-office', {
        policy: { idleAfter: '1w', schedule: BERLIN_OFFICE },
      });
      t.setClock(Date.parse('2030-11-25T16:00:00Z'));
      await t.service.lifecycle('dev-office', 'stop', undefined, {
        actor: USER,
      });
      await t.drain();
      for (const time of [
        '2030-11-25T21:00:00Z',
        '2030-11-26T07:00:00Z',
        '2030-11-26T12:00:00Z',
      ]) {
        t.setClock(Date.parse(time));
        await t.sweep();
      }
      expect(await t.store.getEnvironment('dev-office')).toMatchObject({
        desiredState: 'stopped',
        status: 'stopped',
      });
      const [last] = await t.operations('dev-office');
      expect(last).toMatchObject({ type: 'stop', requestedBy: USER });
    },
  );

  it.each(databases.eachSupportedId())(
    'warns once 24h before expiry, destroys at expiry, and a new warning follows an extension, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      // A long idle timeout keeps idle warnings out of this test.
      const created = await t.create('preview-7', {
        mode: 'preview',
        policy: { ttl: '3d', idleAfter: '1w' },
      });
      expect(created.expiresAt).toBe(new Date(T0 + 3 * DAY).toISOString());

      t.at(2 * DAY - MINUTE);
      await t.sweep();
      expect(t.sent()).toEqual([]);

      t.at(2 * DAY);
      await t.sweep();
      t.at(2 * DAY + MINUTE);
      await t.sweep();
      expect(t.sent()).toEqual([
        {
          recipients: { type: 'entity', entityRef: OWNER },
          payload: expect.objectContaining({
            title: 'preview-7 will be deleted at 2030-11-28 09:00 UTC',
            link: '/environments/preview-7?action=extend',
            severity: 'high',
          }),
        },
      ]);

      // The owner extends it: the expiry moves, so the old one passes quietly.
      await t.service.lifecycle(
        'preview-7',
        'extend',
        { by: '2d' },
        {
          actor: USER,
        },
      );
      await t.drain();
      const extended = (await t.store.getEnvironment('preview-7'))!;
      const newExpiry = Date.parse(extended.expiresAt!);
      expect(newExpiry).toBeGreaterThanOrEqual(T0 + 5 * DAY);

      t.at(3 * DAY);
      await t.sweep();
      expect(t.sent()).toHaveLength(1);
      expect((await t.store.getEnvironment('preview-7'))!.desiredState).toBe(
        'running',
      );

      // A new warning 24h before the new expiry, again only once.
      t.setClock(newExpiry - DAY);
      await t.sweep();
      await t.sweep();
      expect(t.sent()).toHaveLength(2);
      expect(t.sent()[1].payload.title).toBe(
        `preview-7 will be deleted at ${extended
          .expiresAt!.slice(0, 16)
          .replace('T', ' ')} UTC`,
      );

      // At expiry: destroyed, and the owner is told.
      t.setClock(newExpiry);
      await t.sweep();
      const [destroy] = await t.operations('preview-7');
      expect(destroy).toMatchObject({
        type: 'destroy',
        requestedBy: POLICY_SWEEP_ACTOR,
      });
      expect(t.sent()).toHaveLength(3);
      expect(t.sent()[2].payload.title).toBe(
        'preview-7 was deleted: its time to live ended',
      );
      await t.drain();
      expect(await t.store.getEnvironment('preview-7')).toBeUndefined();
      t.setClock(newExpiry + HOUR);
      await t.sweep();
      expect(t.sent()).toHaveLength(3);
    },
  );

  it.each(databases.eachSupportedId())(
    'acts once when two sweeps run at the same time, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      for (const name of ['dev-a', 'dev-b', 'dev-c']) {
        await t.create(name);
      }
      const sweeps = [t.newSweep(), t.newSweep()];

      t.at(2 * HOUR - 15 * MINUTE);
      await Promise.all(sweeps.map(s => s.sweep()));
      expect(t.sent()).toHaveLength(3);

      t.at(2 * HOUR);
      await Promise.all(sweeps.map(s => s.sweep()));
      for (const name of ['dev-a', 'dev-b', 'dev-c']) {
        const stops = (await t.operations(name)).filter(o => o.type === 'stop');
        expect(stops).toHaveLength(1);
      }
      expect(t.sent()).toHaveLength(6);
      expect(
        t
          .sent()
          .slice(3)
          .map(n => n.payload.title)
          .sort(),
      ).toEqual([
        'dev-a was stopped after 2h idle',
        'dev-b was stopped after 2h idle',
        'dev-c was stopped after 2h idle',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'retries a notice that could not be sent, and stops only after it went out, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      await t.create('dev-ada');
      t.notifications.send.mockRejectedValueOnce(new Error('inbox down'));
      t.at(2 * HOUR - 15 * MINUTE);
      await t.sweep();
      t.at(2 * HOUR);
      await t.sweep(); // the warning goes out now, the stop waits a lead
      expect(t.notifications.send).toHaveBeenCalledTimes(2);
      expect((await t.store.getEnvironment('dev-ada'))!.desiredState).toBe(
        'running',
      );
      t.at(2 * HOUR + 15 * MINUTE);
      await t.sweep();
      expect((await t.store.getEnvironment('dev-ada'))!.desiredState).toBe(
        'stopped',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves environments with an operation queued alone, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      await t.create('dev-ada');
      // A queued update (e.g. a variable change) keeps the policy away.
      const environment = (await t.store.getEnvironment('dev-ada'))!;
      await t.store.createOperation(environment.id, {
        type: 'update',
        steps: ['resolve'],
        requestedBy: USER,
      });
      t.at(5 * HOUR);
      await t.sweep();
      expect(t.sent()).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'does not let a caller that is not the plugin give a reason, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      await t.create('dev-ada');
      const error = await t.service
        .lifecycle('dev-ada', 'stop', undefined, {
          actor: USER,
          reason: 'auto-stop',
        })
        .then(
          () => undefined,
          (e: Error) => e,
        );
      expect(error?.name).toBe('InputError');
      expect(error?.message).toMatch(/^reason: /);
      expect((await t.store.getEnvironment('dev-ada'))!.desiredState).toBe(
        'running',
      );
      // A stop without a reason records the operation type in the ledger.
      await t.service.lifecycle('dev-ada', 'stop', undefined, { actor: USER });
      const [stop] = await t.operations('dev-ada');
      expect(stop.input).toBeUndefined();
    },
  );

  /**
   * A sweep of one environment a page, whose first page's stop also runs
   * `meanwhile` (as a preview's start stops others for its quota), over
   * rows listed all at once before it: the later page's row is stale.
   */
  function sweepActingOnLaterPages(
    t: Awaited<ReturnType<typeof setup>>,
    meanwhile: () => Promise<void>,
  ) {
    let snapshot: Promise<any[]> | undefined;
    const store = Object.create(t.store);
    store.listPolicyEnvironmentsMs = async (options: {
      afterName?: string;
      limit: number;
    }) => {
      snapshot ??= t.store.listPolicyEnvironmentsMs({ limit: 100 });
      const all = await snapshot;
      return all
        .filter(
          e => options.afterName === undefined || e.name > options.afterName,
        )
        .slice(0, options.limit);
    };
    let done = false;
    const once = async () => {
      if (done) return;
      done = true;
      await meanwhile();
    };
    const service = {
      lifecycle: async (...args: Parameters<typeof t.service.lifecycle>) => {
        const result = await t.service.lifecycle(...args);
        await once();
        return result;
      },
      lifecycleBatch: async (
        ...args: Parameters<typeof t.service.lifecycleBatch>
      ) => {
        const result = await t.service.lifecycleBatch(...args);
        await once();
        return result;
      },
    };
    return new PolicySweep({
      store,
      policyStore: t.policyStore,
      service,
      notifications: t.notifications,
      logger: mockServices.logger.mock(),
      pageSize: 1,
      now: () => new Date(T0 + 2 * HOUR - 14 * MINUTE),
    });
  }

  it.each(databases.eachSupportedId())(
    'leaves alone what a page it acted on made busy on a later page, on %p',
    async databaseId => {
      const t = await setup(databaseId);
      await t.create('dev-a', { policy: { idleAfter: '30m' } });
      await t.create('dev-b');
      t.at(16 * MINUTE);
      await t.sweep(); // dev-a is warned
      t.at(2 * HOUR - 14 * MINUTE);
      const sweep = sweepActingOnLaterPages(t, async () => {
        // Queued, not run: dev-b is busy when its page is decided.
        await t.service.lifecycle('dev-b', 'stop', undefined, { actor: USER });
      });
      const result = await sweep.sweep();
      expect(result.actions).toEqual([
        { name: 'dev-a', action: 'stop', done: true },
      ]);
      expect(t.sent().map(n => n.payload.title)).not.toContainEqual(
        expect.stringMatching(/dev-b/),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'does not act on a later page changed by another writer since it was read (the revision precondition), on %p',
    async databaseId => {
      const t = await setup(databaseId);
      await t.create('dev-a', { policy: { idleAfter: '30m' } });
      await t.create('dev-b', { policy: { idleAfter: '30m' } });
      t.at(16 * MINUTE);
      await t.sweep(); // both are warned
      t.at(2 * HOUR - 14 * MINUTE);
      const sweep = sweepActingOnLaterPages(t, async () => {
        // A user stops and starts dev-b again, to its end: not busy, its
        // revision moved on from the row the sweep listed.
        await t.service.lifecycle('dev-b', 'stop', undefined, { actor: USER });
        await t.drain();
        await t.service.lifecycle('dev-b', 'start', undefined, { actor: USER });
        await t.drain();
      });
      const result = await sweep.sweep();
      expect(result.actions).toEqual([
        { name: 'dev-a', action: 'stop', done: true },
        { name: 'dev-b', action: 'stop', done: false },
      ]);
      expect((await t.store.getEnvironment('dev-b'))!.desiredState).toBe(
        'running',
      );
      expect(
        (await t.operations('dev-b')).filter(
          o => o.requestedBy === POLICY_SWEEP_ACTOR,
        ),
      ).toEqual([]);
    },
  );
});
