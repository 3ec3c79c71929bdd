import {
  CreateDBClusterCommand,
  CreateDBInstanceCommand,
  CreateDBSnapshotCommand,
  DeleteDBClusterCommand,
  DeleteDBInstanceCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  ModifyDBClusterCommand,
  RestoreDBClusterToPointInTimeCommand,
} from '@aws-sdk/client-rds';
import {
  PASSWORD,
  idOf,
  awsError,
  testContext,
  testInstance,
  testRequest,
} from '../__testUtils__/fixtures';
import {
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

describe('ensure: Aurora', () => {
  const cluster = {
    DBClusterIdentifier: ID,
    Status: 'available',
    Endpoint: `${ID}.cluster-abc123.eu-central-1.rds.amazonaws.com`,
    Port: 5432,
    MasterUsername: 'orders_db',
    DatabaseName: 'orders_db',
  };

  it('clones with copy-on-write and resets the cluster password', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(notFound())
      .resolves({
        DBInstances: [
          testInstance('available', {
            Engine: 'aurora-postgresql',
            DBClusterIdentifier: ID,
          }),
        ],
      });
    rdsMock.on(RestoreDBClusterToPointInTimeCommand).resolves({});
    rdsMock.on(CreateDBInstanceCommand).resolves({});
    rdsMock.on(ModifyDBClusterCommand).resolves({});
    rdsMock.on(DescribeDBClustersCommand).resolves({ DBClusters: [cluster] });

    const endpoint = await testProvider({ engineMode: 'aurora' }).ensure(
      testRequest({
        dataSource: {
          environment: { id: 'env-src', name: 'staging', mode: 'staging' },
          serviceName: 'orders-db',
        },
      }),
      testContext().ctx,
    );

    expect(
      rdsMock.commandCalls(RestoreDBClusterToPointInTimeCommand)[0].args[0]
        .input,
    ).toEqual({
      DBClusterIdentifier: ID,
      SourceDBClusterIdentifier: SOURCE_ID,
      RestoreType: 'copy-on-write',
      UseLatestRestorableTime: true,
      Tags: expectedTags(),
      DeletionProtection: false,
      BackupRetentionPeriod: 1,
      CopyTagsToSnapshot: true,
      DBSubnetGroupName: 'greenroom',
      VpcSecurityGroupIds: ['sg-0123'],
    });
    expect(
      rdsMock.commandCalls(CreateDBInstanceCommand)[0].args[0].input,
    ).toEqual({
      DBInstanceIdentifier: ID,
      DBClusterIdentifier: ID,
      Engine: 'aurora-postgresql',
      DBInstanceClass: 'db.t4g.micro',
      Tags: expectedTags(),
      PubliclyAccessible: false,
    });
    expect(
      rdsMock.commandCalls(ModifyDBClusterCommand)[0].args[0].input,
    ).toEqual({
      DBClusterIdentifier: ID,
      MasterUserPassword: PASSWORD,
      ApplyImmediately: true,
    });
    expect(rdsMock.commandCalls(CreateDBSnapshotCommand)).toHaveLength(0);
    expect(endpoint).toEqual({
      host: cluster.Endpoint,
      port: 5432,
      username: 'orders_db',
      database: 'orders_db',
    });
  });

  it('creates a cluster and its instance for a new database', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(notFound())
      .resolves({
        DBInstances: [testInstance('available', { Engine: 'aurora-mysql' })],
      });
    rdsMock
      .on(CreateDBClusterCommand)
      .rejects(awsError('DBClusterAlreadyExistsFault', 'exists'));
    rdsMock.on(CreateDBInstanceCommand).resolves({});
    rdsMock.on(DescribeDBClustersCommand).resolves({ DBClusters: [cluster] });

    await testProvider({ engineMode: 'aurora' }).ensure(
      testRequest({ engine: 'mysql' }),
      testContext().ctx,
    );

    expect(
      rdsMock.commandCalls(CreateDBClusterCommand)[0].args[0].input,
    ).toMatchObject({
      DBClusterIdentifier: ID,
      Engine: 'aurora-mysql',
      EngineVersion: '16',
      MasterUsername: 'orders_db',
      MasterUserPassword: PASSWORD,
      DatabaseName: 'orders_db',
      Tags: expectedTags(),
    });
    expect(
      rdsMock.commandCalls(CreateDBInstanceCommand)[0].args[0].input,
    ).toMatchObject({
      DBClusterIdentifier: ID,
      Engine: 'aurora-mysql',
    });
    expect(rdsMock.commandCalls(ModifyDBClusterCommand)).toHaveLength(0);
  });

  it('deletes an Aurora instance, then its cluster with a final snapshot', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({
        DBInstances: [testInstance('available', { DBClusterIdentifier: ID })],
      })
      .rejects(notFound());
    rdsMock.on(DeleteDBInstanceCommand).resolves({});
    rdsMock
      .on(DescribeDBClustersCommand)
      .resolvesOnce({
        DBClusters: [
          {
            DBClusterIdentifier: ID,
            Status: 'available',
            DeletionProtection: true,
          },
        ],
      })
      .rejects(awsError('DBClusterNotFoundFault', 'gone', 404));
    rdsMock.on(ModifyDBClusterCommand).resolves({});
    rdsMock.on(DeleteDBClusterCommand).resolves({});
    const { ctx } = testContext();

    await testProvider({ engineMode: 'aurora' }).destroy(testRequest(), {
      ...ctx,
      finalSnapshot: true,
    });

    expect(sentCommands().filter(c => !c.startsWith('Describe'))).toEqual([
      'DeleteDBInstanceCommand',
      'ModifyDBClusterCommand',
      'DeleteDBClusterCommand',
    ]);
    expect(
      rdsMock.commandCalls(DeleteDBClusterCommand)[0].args[0].input,
    ).toEqual({
      DBClusterIdentifier: ID,
      SkipFinalSnapshot: false,
      FinalDBSnapshotIdentifier: `${ID}-final-20261123t134500`,
    });
  });
});
