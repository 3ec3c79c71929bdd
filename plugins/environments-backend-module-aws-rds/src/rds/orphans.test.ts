import {
  DBInstance,
  DeleteDBClusterCommand,
  DeleteDBInstanceCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  ModifyDBInstanceCommand,
} from '@aws-sdk/client-rds';
import { loggedText } from '@greenroom/plugin-environments-node/testUtils';
import { testLogger } from '../__testUtils__/logs';
import { INSTALLATION, awsError } from '../__testUtils__/fixtures';
import { notFound, rdsMock, testProvider } from '../__testUtils__/rdsMock';
import {
  greenroomTags,
  legacyDbInstanceIdentifier,
  toDbInstanceIdentifier,
} from './naming';

const STAMP = '20261123t134500';
const REF = {
  environmentName: 'old-ada',
  environmentId: 'env-old',
  target: 'aws-rds:eu-central-1',
};
const provider = (config: Parameters<typeof testProvider>[0] = {}) =>
  testProvider(config, { retries: 2 });

function orphanContext() {
  const logger = testLogger();
  return { ctx: { signal: new AbortController().signal, logger }, logger };
}

const idFor = (
  environmentName: string,
  environmentId: string | undefined,
  serviceName: string,
) =>
  toDbInstanceIdentifier({
    installationId: INSTALLATION,
    environmentId: environmentId ?? '',
    environmentName,
    serviceName,
  });
const OLD_ORDERS = idFor('old-ada', 'env-old', 'orders-db');
const OLD_CACHE = idFor('old-ada', 'env-old', 'cache-db');

/** An instance as Greenroom names and tags it (this installation's). */
function instance(
  environmentName: string,
  environmentId: string | undefined,
  serviceName: string,
  overrides: Partial<DBInstance> = {},
  installationId: string | null = INSTALLATION,
): DBInstance {
  return {
    DBInstanceIdentifier: idFor(environmentName, environmentId, serviceName),
    DBInstanceStatus: 'available',
    DeletionProtection: false,
    TagList: greenroomTags(
      environmentName,
      serviceName,
      {},
      { installationId: installationId ?? undefined, environmentId },
    ),
    ...overrides,
  };
}

/** The listing (no identifier) answers `listed`; each instance, once, then "not found". */
function mockInstances(listed: DBInstance[]) {
  rdsMock.on(DescribeDBInstancesCommand).resolves({ DBInstances: listed });
  for (const one of listed) {
    rdsMock
      .on(DescribeDBInstancesCommand, {
        DBInstanceIdentifier: one.DBInstanceIdentifier,
      })
      .resolvesOnce({ DBInstances: [one] })
      .rejects(notFound());
  }
  rdsMock.on(DeleteDBInstanceCommand).resolves({});
  rdsMock.on(ModifyDBInstanceCommand).resolves({});
}

const deletedInstances = () =>
  rdsMock.commandCalls(DeleteDBInstanceCommand).map(call => call.args[0].input);

beforeEach(() => rdsMock.reset());

describe('destroyOrphan', () => {
  it("deletes every database of the orphaned environment with a final snapshot, and nothing else's", async () => {
    mockInstances([
      instance('old-ada', 'env-old', 'orders-db'),
      instance('dev-bob', 'env-bob', 'orders-db'),
      instance('old-ada', 'env-old', 'cache-db', { DeletionProtection: true }),
    ]);
    const { ctx, logger } = orphanContext();

    await provider().destroyOrphan(REF, ctx);

    expect(deletedInstances()).toEqual(
      expect.arrayContaining([
        {
          DBInstanceIdentifier: OLD_ORDERS,
          SkipFinalSnapshot: false,
          FinalDBSnapshotIdentifier: `${OLD_ORDERS}-final-${STAMP}`,
        },
        {
          DBInstanceIdentifier: OLD_CACHE,
          SkipFinalSnapshot: false,
          FinalDBSnapshotIdentifier: `${OLD_CACHE}-final-${STAMP}`,
        },
      ]),
    );
    expect(deletedInstances()).toHaveLength(2);
    // Deletion protection is lifted first, as destroy does.
    expect(
      rdsMock.commandCalls(ModifyDBInstanceCommand)[0].args[0].input,
    ).toEqual({
      DBInstanceIdentifier: OLD_CACHE,
      DeletionProtection: false,
      ApplyImmediately: true,
    });
    expect(
      rdsMock.commandCalls(DescribeDBInstancesCommand, {
        DBInstanceIdentifier: idFor('dev-bob', 'env-bob', 'orders-db'),
      }),
    ).toHaveLength(0);
    expect(loggedText(logger)).toContain(`${OLD_ORDERS}-final-${STAMP}`);
    expect(loggedText(logger)).not.toContain('password');
  });

  it('leaves an instance of the same name whose environment id differs', async () => {
    mockInstances([instance('old-ada', 'env-new', 'orders-db')]);

    await provider().destroyOrphan(REF, orphanContext().ctx);

    expect(rdsMock.commandCalls(DeleteDBInstanceCommand)).toHaveLength(0);
  });

  it('leaves, for an orphan known by name only, instances that carry an environment id', async () => {
    mockInstances([
      instance('old-ada', undefined, 'orders-db'),
      instance('old-ada', 'env-new', 'cache-db'),
    ]);

    await provider().destroyOrphan(
      { environmentName: 'old-ada', target: REF.target },
      orphanContext().ctx,
    );

    const nameOnly = idFor('old-ada', undefined, 'orders-db');
    expect(deletedInstances()).toEqual([
      {
        DBInstanceIdentifier: nameOnly,
        SkipFinalSnapshot: false,
        FinalDBSnapshotIdentifier: `${nameOnly}-final-${STAMP}`,
      },
    ]);
  });

  it('deletes nothing when a page of the listing fails', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand, { Marker: undefined })
      .resolves({
        Marker: 'page-2',
        DBInstances: [instance('old-ada', 'env-old', 'orders-db')],
      })
      .on(DescribeDBInstancesCommand, { Marker: 'page-2' })
      .rejects(awsError('AccessDenied', 'no', 403));
    rdsMock.on(DeleteDBInstanceCommand).resolves({});

    await expect(
      provider().destroyOrphan(REF, orphanContext().ctx),
    ).rejects.toMatchObject({ transient: false, code: 'AccessDenied' });
    expect(rdsMock.commandCalls(DeleteDBInstanceCommand)).toHaveLength(0);
  });

  it('is done when nothing of the environment is left', async () => {
    mockInstances([instance('dev-bob', 'env-bob', 'orders-db')]);

    await expect(
      provider().destroyOrphan(REF, orphanContext().ctx),
    ).resolves.toBeUndefined();
    expect(rdsMock.commandCalls(DeleteDBInstanceCommand)).toHaveLength(0);
  });

  it('deletes an Aurora cluster with several instances once, with a final snapshot', async () => {
    const cluster = OLD_ORDERS;
    mockInstances([
      instance('old-ada', 'env-old', 'orders-db', {
        DBClusterIdentifier: cluster,
      }),
      instance('old-ada', 'env-old', 'orders-db', {
        DBInstanceIdentifier: `${cluster}-reader`,
        DBClusterIdentifier: cluster,
      }),
    ]);
    rdsMock
      .on(DescribeDBClustersCommand)
      .resolvesOnce({
        DBClusters: [{ DBClusterIdentifier: cluster, Status: 'available' }],
      })
      .rejects(awsError('DBClusterNotFoundFault', 'gone', 404));
    rdsMock.on(DeleteDBClusterCommand).resolves({});

    await provider({ engineMode: 'aurora' }).destroyOrphan(
      REF,
      orphanContext().ctx,
    );

    expect(deletedInstances()).toEqual([
      { DBInstanceIdentifier: `${cluster}-reader` },
      { DBInstanceIdentifier: cluster },
    ]);
    expect(
      rdsMock.commandCalls(DeleteDBClusterCommand).map(c => c.args[0].input),
    ).toEqual([
      {
        DBClusterIdentifier: cluster,
        SkipFinalSnapshot: false,
        FinalDBSnapshotIdentifier: `${cluster}-final-${STAMP}`,
      },
    ]);
  });

  it('leaves, and reports, an instance not named as Greenroom names it', async () => {
    mockInstances([
      instance('old-ada', 'env-old', 'orders-db', {
        DBInstanceIdentifier: 'hand-made',
      }),
      instance('old-ada', 'env-old', 'cache-db'),
    ]);
    const { ctx, logger } = orphanContext();

    await expect(provider().destroyOrphan(REF, ctx)).rejects.toMatchObject({
      transient: false,
      code: 'NotOwned',
    });
    expect(deletedInstances().map(i => i.DBInstanceIdentifier)).toEqual([
      OLD_CACHE,
    ]);
    expect(loggedText(logger)).toContain('hand-made');
  });

  it("never lists nor deletes another installation's databases, nor untagged ones, of the same environment", async () => {
    mockInstances([
      instance('old-ada', 'env-old', 'orders-db', {}, 'portal-b'),
      instance('old-ada', 'env-old', 'cache-db', {}, null),
    ]);
    const { ctx } = orphanContext();

    expect(await provider().listManaged()).toEqual([]);
    await provider().destroyOrphan(REF, ctx);
    expect(rdsMock.commandCalls(DeleteDBInstanceCommand)).toHaveLength(0);
    expect(rdsMock.commandCalls(ModifyDBInstanceCommand)).toHaveLength(0);
  });

  it('deletes an orphan named as the first releases named it, once it carries this installation', async () => {
    const legacy = legacyDbInstanceIdentifier('old-ada', 'orders-db');
    mockInstances([
      instance('old-ada', 'env-old', 'orders-db', {
        DBInstanceIdentifier: legacy,
      }),
    ]);

    await provider().destroyOrphan(REF, orphanContext().ctx);

    expect(deletedInstances()).toEqual([
      {
        DBInstanceIdentifier: legacy,
        SkipFinalSnapshot: false,
        FinalDBSnapshotIdentifier: `${legacy}-final-${STAMP}`,
      },
    ]);
  });

  it('refuses a reference from another region', async () => {
    mockInstances([instance('old-ada', 'env-old', 'orders-db')]);

    await expect(
      provider().destroyOrphan(
        { ...REF, target: 'aws-rds:us-east-1' },
        orphanContext().ctx,
      ),
    ).rejects.toMatchObject({ code: 'UnknownTarget' });
    expect(rdsMock.calls()).toHaveLength(0);
  });

  it('reports a failed deletion as an error of AWS, unredacted', async () => {
    mockInstances([instance('old-ada', 'env-old', 'orders-db')]);
    rdsMock
      .on(DeleteDBInstanceCommand)
      .rejects(
        awsError(
          'InvalidParameterCombination',
          'FinalDBSnapshotIdentifier is not valid here',
        ),
      );

    await expect(
      provider().destroyOrphan(REF, orphanContext().ctx),
    ).rejects.toThrow('FinalDBSnapshotIdentifier is not valid here');
  });
});

describe('listManaged', () => {
  it('lists each environment once, across pages', async () => {
    const tags = (env: string, id: string, service = 'orders-db') =>
      greenroomTags(
        env,
        service,
        {},
        { installationId: INSTALLATION, environmentId: id },
      );
    rdsMock
      .on(DescribeDBInstancesCommand, { Marker: undefined })
      .resolves({
        Marker: 'page-2',
        DBInstances: [
          { DBInstanceIdentifier: 'a', TagList: tags('dev-ada', 'env-1') },
          { DBInstanceIdentifier: 'b', TagList: [{ Key: 'team', Value: 'x' }] },
        ],
      })
      .on(DescribeDBInstancesCommand, { Marker: 'page-2' })
      .resolves({
        DBInstances: [
          {
            DBInstanceIdentifier: 'c',
            TagList: tags('dev-ada', 'env-1', 'cache-db'),
          },
          { DBInstanceIdentifier: 'd', TagList: tags('staging', 'env-2') },
        ],
      });

    expect(await testProvider().listManaged()).toEqual([
      {
        environmentName: 'dev-ada',
        environmentId: 'env-1',
        target: 'aws-rds:eu-central-1',
      },
      {
        environmentName: 'staging',
        environmentId: 'env-2',
        target: 'aws-rds:eu-central-1',
      },
    ]);
  });

  it('throws, never returning part of the list, when a page fails', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand, { Marker: undefined })
      .resolves({
        Marker: 'page-2',
        DBInstances: [
          {
            DBInstanceIdentifier: 'a',
            TagList: greenroomTags(
              'dev-ada',
              'orders-db',
              {},
              { installationId: INSTALLATION },
            ),
          },
        ],
      })
      .on(DescribeDBInstancesCommand, { Marker: 'page-2' })
      .rejects(awsError('AccessDenied', 'no', 403));

    await expect(testProvider().listManaged()).rejects.toMatchObject({
      transient: false,
      code: 'AccessDenied',
    });
  });

  it('lists again from the start after a throttled page', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand, { Marker: undefined })
      .resolves({ Marker: 'page-2', DBInstances: [] })
      .on(DescribeDBInstancesCommand, { Marker: 'page-2' })
      .rejectsOnce(awsError('Throttling', 'Rate exceeded'))
      .resolves({
        DBInstances: [
          {
            DBInstanceIdentifier: 'a',
            TagList: greenroomTags(
              'dev-ada',
              'orders-db',
              {},
              { installationId: INSTALLATION },
            ),
          },
        ],
      });

    expect(await testProvider().listManaged()).toEqual([
      { environmentName: 'dev-ada', target: 'aws-rds:eu-central-1' },
    ]);
    expect(rdsMock.commandCalls(DescribeDBInstancesCommand)).toHaveLength(4);
  });
});
