import {
  CreateDBSnapshotCommand,
  DeleteDBSnapshotCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  ModifyDBInstanceCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
  RestoreDBInstanceToPointInTimeCommand,
} from '@aws-sdk/client-rds';
import {
  PASSWORD,
  idOf,
  testContext,
  testInstance,
  testRequest,
} from '../__testUtils__/fixtures';
import { loggedText } from '@greenroom/plugin-environments-node/testUtils';
import {
  HOST,
  ID,
  expectedTags,
  notFound,
  rdsMock,
  sentCommands,
  testProvider,
} from '../__testUtils__/rdsMock';

beforeEach(() => rdsMock.reset());

/** The clone tests' source: service orders-db of environment staging. */
const SOURCE_ID = idOf('staging', 'orders-db', 'env-src');

describe('ensure: clone', () => {
  const source = {
    environment: { id: 'env-src', name: 'staging', mode: 'staging' as const },
    serviceName: 'orders-db',
  };

  it('snapshots the source, restores from it and gives the clone its own password', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(notFound())
      .resolvesOnce({ DBInstances: [testInstance('creating')] })
      .resolvesOnce({ DBInstances: [testInstance('available')] })
      .resolvesOnce({
        DBInstances: [
          testInstance('available', {
            PendingModifiedValues: { MasterUserPassword: '****' },
          }),
        ],
      })
      .resolvesOnce({
        DBInstances: [testInstance('resetting-master-credentials')],
      })
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock.on(CreateDBSnapshotCommand).resolves({});
    rdsMock
      .on(DescribeDBSnapshotsCommand)
      .resolvesOnce({ DBSnapshots: [{ Status: 'creating' }] })
      .resolves({ DBSnapshots: [{ Status: 'available' }] });
    rdsMock.on(RestoreDBInstanceFromDBSnapshotCommand).resolves({});
    rdsMock.on(ModifyDBInstanceCommand).resolves({});
    rdsMock.on(DeleteDBSnapshotCommand).resolves({});
    const { ctx, logger, checkpoints } = testContext();
    const snapshot = `${ID}-src-20261123t134500`;

    const endpoint = await testProvider().ensure(
      testRequest({ dataSource: source }),
      ctx,
    );

    expect(endpoint.host).toBe(HOST);
    expect(
      rdsMock.commandCalls(CreateDBSnapshotCommand)[0].args[0].input,
    ).toEqual({
      DBSnapshotIdentifier: snapshot,
      DBInstanceIdentifier: SOURCE_ID,
      Tags: expectedTags(),
    });
    expect(
      rdsMock.commandCalls(RestoreDBInstanceFromDBSnapshotCommand)[0].args[0]
        .input,
    ).toEqual({
      DBInstanceIdentifier: ID,
      DBSnapshotIdentifier: snapshot,
      DBInstanceClass: 'db.t4g.micro',
      Tags: expectedTags(),
      DeletionProtection: false,
      BackupRetentionPeriod: 1,
      PubliclyAccessible: false,
      CopyTagsToSnapshot: true,
      DBSubnetGroupName: 'greenroom',
      VpcSecurityGroupIds: ['sg-0123'],
    });
    expect(
      rdsMock.commandCalls(ModifyDBInstanceCommand)[0].args[0].input,
    ).toEqual({
      DBInstanceIdentifier: ID,
      MasterUserPassword: PASSWORD,
      ApplyImmediately: true,
    });
    expect(sentCommands().filter(c => !c.startsWith('Describe'))).toEqual([
      'CreateDBSnapshotCommand',
      'RestoreDBInstanceFromDBSnapshotCommand',
      'ModifyDBInstanceCommand',
      'DeleteDBSnapshotCommand',
    ]);
    // not found, creating, available; pending password, resetting, available
    expect(rdsMock.commandCalls(DescribeDBInstancesCommand)).toHaveLength(6);
    expect(checkpoints.get(`aws-rds:${ID}:source-snapshot`)).toBe(snapshot);
    expect(loggedText(logger)).not.toContain(PASSWORD);
  });

  it('reuses the snapshot a resumed operation already took', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(notFound())
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock
      .on(DescribeDBSnapshotsCommand)
      .resolves({ DBSnapshots: [{ Status: 'available' }] });
    const { ctx, checkpoints } = testContext();
    checkpoints.set(`aws-rds:${ID}:source-snapshot`, `${ID}-src-earlier`);

    await testProvider().ensure(testRequest({ dataSource: source }), ctx);

    expect(rdsMock.commandCalls(CreateDBSnapshotCommand)).toHaveLength(0);
    expect(
      rdsMock.commandCalls(RestoreDBInstanceFromDBSnapshotCommand)[0].args[0]
        .input.DBSnapshotIdentifier,
    ).toBe(`${ID}-src-earlier`);
  });

  it('restores to a point in time without a snapshot', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(notFound())
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock.on(RestoreDBInstanceToPointInTimeCommand).resolves({});
    rdsMock.on(ModifyDBInstanceCommand).resolves({});

    await testProvider().ensure(
      testRequest({
        dataSource: { ...source, restoreTime: '2026-11-23T10:00:00Z' },
      }),
      testContext().ctx,
    );

    expect(rdsMock.commandCalls(CreateDBSnapshotCommand)).toHaveLength(0);
    expect(
      rdsMock.commandCalls(RestoreDBInstanceToPointInTimeCommand)[0].args[0]
        .input,
    ).toEqual({
      SourceDBInstanceIdentifier: SOURCE_ID,
      TargetDBInstanceIdentifier: ID,
      RestoreTime: new Date('2026-11-23T10:00:00Z'),
      DBInstanceClass: 'db.t4g.micro',
      Tags: expectedTags(),
      DeletionProtection: false,
      BackupRetentionPeriod: 1,
      PubliclyAccessible: false,
      CopyTagsToSnapshot: true,
      DBSubnetGroupName: 'greenroom',
      VpcSecurityGroupIds: ['sg-0123'],
    });
    expect(
      rdsMock.commandCalls(ModifyDBInstanceCommand)[0].args[0].input,
    ).toEqual({
      DBInstanceIdentifier: ID,
      MasterUserPassword: PASSWORD,
      ApplyImmediately: true,
    });
  });

  it('says which source is missing', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(notFound());
    rdsMock.on(CreateDBSnapshotCommand).rejects(notFound());

    const error = await testProvider()
      .ensure(testRequest({ dataSource: source }), testContext().ctx)
      .catch(e => e);

    expect(error).toMatchObject({
      transient: false,
      code: 'DBInstanceNotFound',
    });
    expect(error.message).toContain(SOURCE_ID);
    expect(error.message).toContain('dataPolicy empty');
  });

  it('rejects a restore time that is not a date', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(notFound());

    await expect(
      testProvider().ensure(
        testRequest({ dataSource: { ...source, restoreTime: 'yesterday' } }),
        testContext().ctx,
      ),
    ).rejects.toThrow('is not a date');
    expect(
      rdsMock.commandCalls(RestoreDBInstanceToPointInTimeCommand),
    ).toHaveLength(0);
  });
});
