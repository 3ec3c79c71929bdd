import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type {
  EnvironmentRuntime,
  ManagedDatabaseProvider,
  ManagedEnvironmentRef,
} from '@greenroom/plugin-environments-node';
import { DatabaseEnvironmentsStore } from '../storage/DatabaseEnvironmentsStore';
import { stepsFor } from '../engine/steps';
import { SecretBox } from '../secrets/SecretBox';
import {
  OrphanAction,
  OrphanCollector,
  orphanSourcesOf,
  OrphanSource,
} from './OrphanCollector';
import { OrphanSightings } from './OrphanSightings';

jest.setTimeout(60_000);

const HOUR = 60 * 60 * 1000;
const GRACE = 24 * HOUR;
const secrets = new SecretBox('orphan-tests-key-long-enough-for-aes-256');

/** A source whose listing the test sets; records what it was asked to delete. */
class FakeSource implements OrphanSource {
  refs: ManagedEnvironmentRef[] = [];
  listingFails = false;
  deleteFails = false;
  readonly deleted: ManagedEnvironmentRef[] = [];

  constructor(readonly name: string) {}

  async listManaged() {
    if (this.listingFails) throw new Error('cluster unreachable');
    return this.refs;
  }

  async destroyOrphan(ref: ManagedEnvironmentRef) {
    if (this.deleteFails) throw new Error('namespace is stuck');
    this.deleted.push(ref);
    this.refs = this.refs.filter(r => r !== ref);
  }
}

describe('OrphanCollector', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    action: OrphanAction = 'delete',
  ) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseEnvironmentsStore.forTest(knex, secrets);
    const kubernetes = new FakeSource('runtime:kubernetes');
    const rds = new FakeSource('database:aws-rds');
    const auditor = mockServices.auditor.mock();
    const auditEvent = { success: jest.fn(), fail: jest.fn() };
    auditor.createEvent.mockResolvedValue(auditEvent);
    const logger = mockServices.logger.mock();
    let now = new Date('2026-11-23T12:00:00Z');
    const collector = new OrphanCollector({
      sources: [kubernetes, rds],
      store,
      sightings: new OrphanSightings(knex),
      auditor,
      logger,
      action,
      graceMs: GRACE,
      now: () => now,
    });
    const advance = (ms: number) => {
      now = new Date(now.getTime() + ms);
    };
    async function createEnvironment(name: string) {
      const { environment } = await store.createEnvironment(
        {
          name,
          title: name,
          system: 'system:default/shop',
          owner: 'group:default/team-shop',
          mode: 'development',
          runtime: { type: 'kubernetes' },
          services: [],
          variables: [],
          policy: { priority: 50 },
          desiredState: 'running',
          status: 'provisioning',
          origin: { type: 'manual' },
          attention: [],
          createdBy: 'user:default/guest',
        },
        {
          type: 'create',
          steps: stepsFor('create'),
          requestedBy: 'user:default/guest',
        },
      );
      return environment;
    }
    return {
      knex,
      collector,
      kubernetes,
      rds,
      auditor,
      auditEvent,
      logger,
      advance,
      createEnvironment,
    };
  }

  it.each(databases.eachSupportedId())(
    'never touches what an environment of that id or name owns, on %p',
    async databaseId => {
      const { collector, kubernetes, createEnvironment, advance, knex } =
        await setup(databaseId);
      const shop = await createEnvironment('shop-dev');
      await createEnvironment('dev-ada');
      kubernetes.refs = [
        { environmentName: 'shop-dev', environmentId: shop.id, target: 'main' },
        // A new environment took the name of an old one: still owned.
        {
          environmentName: 'dev-ada',
          environmentId: 'an-old-id',
          target: 'main',
        },
        { environmentName: 'dev-ada', target: 'main' },
      ];

      for (let run = 0; run < 3; run++) {
        const result = await collector.collect();
        expect(result.findings).toEqual([]);
        advance(GRACE);
      }
      expect(kubernetes.deleted).toEqual([]);
      expect(await knex('orphan_sightings').select()).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes an orphan only after the grace period, audited, on %p',
    async databaseId => {
      const { collector, kubernetes, rds, auditor, auditEvent, advance } =
        await setup(databaseId);
      const orphan = {
        environmentName: 'gone-dev',
        environmentId: 'id-of-gone-dev',
        target: 'main',
      };
      kubernetes.refs = [orphan];
      rds.refs = [{ environmentName: 'gone-dev', target: 'aws-rds:eu-west-1' }];

      const first = await collector.collect();
      expect(first.findings.map(f => [f.source, f.outcome])).toEqual([
        ['runtime:kubernetes', 'waiting'],
        ['database:aws-rds', 'waiting'],
      ]);
      expect(first.findings[0].firstSeenAt).toBe('2026-11-23T12:00:00.000Z');

      advance(GRACE - 1);
      const early = await collector.collect();
      expect(early.findings.map(f => f.outcome)).toEqual([
        'waiting',
        'waiting',
      ]);
      // The first sighting stays the first.
      expect(early.findings[0].firstSeenAt).toBe('2026-11-23T12:00:00.000Z');
      expect(kubernetes.deleted).toEqual([]);

      advance(1);
      const due = await collector.collect();
      expect(due.findings.map(f => f.outcome)).toEqual(['deleted', 'deleted']);
      expect(kubernetes.deleted).toEqual([orphan]);
      expect(rds.deleted).toHaveLength(1);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'environment-orphan-delete',
          severityLevel: 'high',
          meta: expect.objectContaining({
            source: 'runtime:kubernetes',
            environment: 'gone-dev',
            environmentId: 'id-of-gone-dev',
          }),
        }),
      );
      expect(auditEvent.success).toHaveBeenCalledTimes(2);

      // Gone: nothing more to do.
      expect((await collector.collect()).findings).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'starts the grace period again when an orphan was owned in between, on %p',
    async databaseId => {
      const { collector, kubernetes, advance, createEnvironment, knex } =
        await setup(databaseId);
      kubernetes.refs = [{ environmentName: 'shop-dev', target: 'main' }];
      await collector.collect();
      advance(GRACE / 2);

      // Someone creates the environment again: its namespace is owned.
      const created = await createEnvironment('shop-dev');
      expect((await collector.collect()).findings).toEqual([]);
      await knex('environments').where({ id: created.id }).delete();

      advance(GRACE / 2);
      const result = await collector.collect();
      expect(result.findings.map(f => f.outcome)).toEqual(['waiting']);
      expect(kubernetes.deleted).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'skips a source whose listing failed, keeping its sightings, on %p',
    async databaseId => {
      const { collector, kubernetes, rds, advance, logger } = await setup(
        databaseId,
      );
      kubernetes.refs = [{ environmentName: 'gone-dev', target: 'main' }];
      rds.refs = [{ environmentName: 'gone-too' }];
      await collector.collect();

      advance(GRACE);
      kubernetes.listingFails = true;
      const result = await collector.collect();
      expect(result.failedSources).toEqual(['runtime:kubernetes']);
      expect(result.findings.map(f => [f.source, f.outcome])).toEqual([
        ['database:aws-rds', 'deleted'],
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        'Orphan collection skipped runtime:kubernetes: its listing failed',
        expect.any(Error),
      );

      // Back: the first sighting was kept, so it is due at once.
      kubernetes.listingFails = false;
      const after = await collector.collect();
      expect(after.findings.map(f => f.outcome)).toEqual(['deleted']);
    },
  );

  it.each(databases.eachSupportedId())(
    'tries a failed deletion again on the next run, on %p',
    async databaseId => {
      const { collector, kubernetes, advance, auditEvent } = await setup(
        databaseId,
      );
      kubernetes.refs = [{ environmentName: 'gone-dev', target: 'main' }];
      await collector.collect();
      advance(GRACE);

      kubernetes.deleteFails = true;
      const failed = await collector.collect();
      expect(failed.findings).toEqual([
        expect.objectContaining({
          outcome: 'failed',
          error: 'namespace is stuck',
        }),
      ]);
      expect(auditEvent.fail).toHaveBeenCalledTimes(1);

      kubernetes.deleteFails = false;
      const retried = await collector.collect();
      expect(retried.findings.map(f => f.outcome)).toEqual(['deleted']);
    },
  );

  it('only reports when the action is report, or the source cannot delete', async () => {
    const { collector, kubernetes, advance, logger } = await setup(
      'SQLITE_3',
      'report',
    );
    kubernetes.refs = [{ environmentName: 'gone-dev', target: 'main' }];
    await collector.collect();
    advance(GRACE);

    const result = await collector.collect();
    expect(result.findings.map(f => f.outcome)).toEqual(['reported']);
    expect(kubernetes.deleted).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Orphaned resources of environment gone-dev in runtime:kubernetes (main)',
      ),
      expect.anything(),
    );
  });

  it('takes every real runtime and the database provider as sources', async () => {
    const runtime = (type: string, simulated = false) =>
      ({
        type,
        simulated,
        listManaged: async () => [{ environmentName: `${type}-env` }],
      } as unknown as EnvironmentRuntime);
    const deleted: string[] = [];
    const provider = {
      type: 'aws-rds',
      listManaged: async () => [{ environmentName: 'db-env' }],
      // `this` must stay the provider.
      async destroyOrphan(this: { type: string }, ref: ManagedEnvironmentRef) {
        deleted.push(`${this.type}:${ref.environmentName}`);
      },
    } as unknown as ManagedDatabaseProvider;

    const sources = orphanSourcesOf(
      [runtime('local', true), runtime('kubernetes')],
      provider,
    );

    expect(sources.map(s => s.name)).toEqual([
      'runtime:kubernetes',
      'database:aws-rds',
    ]);
    expect(await sources[0].listManaged()).toEqual([
      { environmentName: 'kubernetes-env' },
    ]);
    expect(sources[0].destroyOrphan).toBeUndefined();
    await sources[1].destroyOrphan!(
      { environmentName: 'db-env' },
      {
        signal: new AbortController().signal,
        logger: mockServices.logger.mock(),
      },
    );
    expect(deleted).toEqual(['aws-rds:db-env']);
  });
});
