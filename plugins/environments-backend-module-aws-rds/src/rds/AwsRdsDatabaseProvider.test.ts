import { mockClient } from 'aws-sdk-client-mock';
import {
  AddTagsToResourceCommand,
  CreateDBClusterCommand,
  CreateDBInstanceCommand,
  CreateDBSnapshotCommand,
  DeleteDBClusterCommand,
  DeleteDBInstanceCommand,
  DeleteDBSnapshotCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  ModifyDBClusterCommand,
  ModifyDBInstanceCommand,
  RDSClient,
  RestoreDBClusterToPointInTimeCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
  RestoreDBInstanceToPointInTimeCommand,
  StartDBInstanceCommand,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds';
import { RuntimeError } from '@greenroom/plugin-environments-node';
import {
  ENV_ID,
  INSTALLATION,
  PASSWORD,
  idOf,
  awsError,
  testConfig,
  testContext,
  testInstance,
  testRequest,
} from '../__testUtils__/fixtures';
import { AwsRdsDatabaseProvider } from './AwsRdsDatabaseProvider';
import type { AwsRdsConfig } from './config';
import { greenroomTags } from './naming';

const rdsMock = mockClient(RDSClient);
const ID = idOf();
/** The clone tests' source: service orders-db of environment staging. */
const SOURCE_ID = idOf('staging', 'orders-db', 'env-src');
const HOST = `${ID}.abc123.eu-central-1.rds.amazonaws.com`;
const NOW = new Date('2026-11-23T13:45:00.123Z');
const notFound = () => awsError('DBInstanceNotFoundFault', 'not found', 404);

function provider(config: Partial<AwsRdsConfig> = {}) {
  return new AwsRdsDatabaseProvider({
    client: new RDSClient({ region: 'eu-central-1' }),
    config: testConfig(config),
    installationId: INSTALLATION,
    retry: { retries: 4, baseDelayMs: 1, maxDelayMs: 2 },
    now: () => NOW,
  });
}

/** Names of the commands sent, in order, to check the sequence of a flow. */
function sentCommands(): string[] {
  return rdsMock.calls().map(call => call.args[0].constructor.name);
}

const expectedTags = (environmentName = 'dev-ada', mode = 'development') => [
  { Key: 'cost-center', Value: 'platform' },
  { Key: 'greenroom.dev/managed-by', Value: 'greenroom' },
  { Key: 'greenroom.dev/environment', Value: environmentName },
  { Key: 'greenroom.dev/service', Value: 'orders-db' },
  { Key: 'greenroom.dev/installation', Value: INSTALLATION },
  { Key: 'greenroom.dev/environment-id', Value: ENV_ID },
  { Key: 'greenroom.dev/owner', Value: 'group:default/shop' },
  { Key: 'greenroom.dev/mode', Value: mode },
];

beforeEach(() => rdsMock.reset());

describe('ensure: create', () => {
  it('creates the instance with its settings and waits through creating and backing-up', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(notFound())
      .resolvesOnce({ DBInstances: [testInstance('creating')] })
      .resolvesOnce({ DBInstances: [testInstance('backing-up')] })
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock.on(CreateDBInstanceCommand).resolves({});
    const { ctx, logger, checkpoints } = testContext();

    const endpoint = await provider().ensure(testRequest(), ctx);

    expect(endpoint).toEqual({
      host: HOST,
      port: 5432,
      username: 'orders_db',
      database: 'orders_db',
    });
    expect(rdsMock.commandCalls(CreateDBInstanceCommand)).toHaveLength(1);
    expect(
      rdsMock.commandCalls(CreateDBInstanceCommand)[0].args[0].input,
    ).toEqual({
      DBInstanceIdentifier: ID,
      Engine: 'postgres',
      EngineVersion: '16',
      DBInstanceClass: 'db.t4g.micro',
      AllocatedStorage: 20,
      MasterUsername: 'orders_db',
      MasterUserPassword: PASSWORD,
      DBName: 'orders_db',
      Tags: expectedTags(),
      DeletionProtection: false,
      BackupRetentionPeriod: 1,
      StorageEncrypted: true,
      PubliclyAccessible: false,
      CopyTagsToSnapshot: true,
      DBSubnetGroupName: 'greenroom',
      VpcSecurityGroupIds: ['sg-0123'],
    });
    expect(rdsMock.commandCalls(DescribeDBInstancesCommand)).toHaveLength(4);
    expect(checkpoints.get(`aws-rds:${ID}:create`)).toEqual({ identifier: ID });
    expect(logger.entries.length).toBeGreaterThan(0);
    expect(logger.text()).not.toContain(PASSWORD);
  });

  it('protects a production database and keeps a week of backups', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(notFound())
      .resolves({
        DBInstances: [testInstance('available', { environmentName: 'prod' })],
      });
    rdsMock.on(CreateDBInstanceCommand).resolves({});

    await provider().ensure(
      testRequest({
        mode: 'production',
        environmentName: 'prod',
        engine: 'mysql',
        instanceClass: 'db.r6g.large',
        storageGb: 100,
      }),
      testContext().ctx,
    );

    const input = rdsMock.commandCalls(CreateDBInstanceCommand)[0].args[0]
      .input;
    expect(input).toMatchObject({
      DBInstanceIdentifier: idOf('prod'),
      Engine: 'mysql',
      DBInstanceClass: 'db.r6g.large',
      AllocatedStorage: 100,
      DeletionProtection: true,
      BackupRetentionPeriod: 7,
    });
    expect(input.Tags).toEqual(expectedTags('prod', 'production'));
  });

  it.each(['mongodb', 'redis'] as const)(
    'refuses a managed %s database without calling AWS',
    async engine => {
      const error = await provider()
        .ensure(testRequest({ engine }), testContext().ctx)
        .catch(e => e);
      expect(error).toBeInstanceOf(RuntimeError);
      expect(error.transient).toBe(false);
      expect(error.message).toContain('orders-db');
      expect(error.message).toContain('database.mode: container');
      expect(rdsMock.calls()).toHaveLength(0);
    },
  );

  it('continues with an instance that already exists (DBInstanceAlreadyExists)', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(notFound())
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock
      .on(CreateDBInstanceCommand)
      .rejects(awsError('DBInstanceAlreadyExistsFault', 'exists'));

    const endpoint = await provider().ensure(testRequest(), testContext().ctx);

    expect(endpoint.host).toBe(HOST);
    expect(rdsMock.commandCalls(CreateDBInstanceCommand)).toHaveLength(1);
  });

  it('does not create again when a resumed operation already sent the create', async () => {
    // DescribeDBInstances may not list a just-created instance yet.
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(notFound())
      .rejectsOnce(notFound())
      .resolves({ DBInstances: [testInstance('available')] });
    const { ctx, checkpoints } = testContext();
    checkpoints.set(`aws-rds:${ID}:create`, { identifier: ID });

    await provider().ensure(testRequest(), ctx);

    expect(rdsMock.commandCalls(CreateDBInstanceCommand)).toHaveLength(0);
  });

  it('retries when AWS has no capacity for the class, then succeeds', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(notFound())
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock
      .on(CreateDBInstanceCommand)
      .rejectsOnce(
        awsError('InsufficientDBInstanceCapacityFault', 'no capacity'),
      )
      .rejectsOnce(
        awsError('InsufficientDBInstanceCapacityFault', 'no capacity'),
      )
      .resolves({});
    const { ctx, logger } = testContext();

    await provider().ensure(
      testRequest({ instanceClass: 'db.m7g.large' }),
      ctx,
    );

    expect(rdsMock.commandCalls(CreateDBInstanceCommand)).toHaveLength(3);
    expect(logger.text()).toContain(
      'AWS has no capacity for db.m7g.large in eu-central-1 right now',
    );
    expect(logger.text()).not.toContain(PASSWORD);
  });

  it('retries throttled calls', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded'))
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
      .resolves({ DBInstances: [testInstance('available')] });

    await provider().ensure(testRequest(), testContext().ctx);

    expect(rdsMock.commandCalls(DescribeDBInstancesCommand)).toHaveLength(4);
  });

  it('fails permanently on a quota error, without the password in the error', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(notFound());
    rdsMock
      .on(CreateDBInstanceCommand)
      .rejects(awsError('InstanceQuotaExceededFault', 'quota'));
    const { ctx, logger } = testContext();

    const error = await provider()
      .ensure(testRequest(), ctx)
      .catch(e => e);

    expect(error).toBeInstanceOf(RuntimeError);
    expect(error).toMatchObject({
      transient: false,
      code: 'InstanceQuotaExceeded',
    });
    expect(rdsMock.commandCalls(CreateDBInstanceCommand)).toHaveLength(1);
    expect(JSON.stringify({ m: error.message, s: error.stack })).not.toContain(
      PASSWORD,
    );
    expect(logger.text()).not.toContain(PASSWORD);
  });

  it('never echoes the password even when AWS puts it in its message', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(notFound());
    rdsMock
      .on(CreateDBInstanceCommand)
      .rejects(
        awsError('InvalidParameterValue', `Invalid password ${PASSWORD} given`),
      );

    const error = await provider()
      .ensure(testRequest(), testContext().ctx)
      .catch(e => e);

    expect(error.code).toBe('InvalidParameterValue');
    expect(error.message).toContain('Invalid password *** given');
    expect(error.message).not.toContain(PASSWORD);
    expect(error.cause).toBeUndefined();
  });
});

describe('ensure: converge', () => {
  it('changes class and grows storage, at once outside production', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock.on(ModifyDBInstanceCommand).resolves({});

    await provider().ensure(
      testRequest({ instanceClass: 'db.t4g.small', storageGb: 50 }),
      testContext().ctx,
    );

    expect(rdsMock.commandCalls(CreateDBInstanceCommand)).toHaveLength(0);
    expect(
      rdsMock.commandCalls(ModifyDBInstanceCommand)[0].args[0].input,
    ).toEqual({
      DBInstanceIdentifier: ID,
      DBInstanceClass: 'db.t4g.small',
      AllocatedStorage: 50,
      ApplyImmediately: true,
    });
  });

  it('leaves production changes for the maintenance window', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [testInstance('available', { environmentName: 'prod' })],
    });
    rdsMock.on(ModifyDBInstanceCommand).resolves({});

    await provider().ensure(
      testRequest({
        mode: 'production',
        environmentName: 'prod',
        instanceClass: 'db.r6g.large',
      }),
      testContext().ctx,
    );

    expect(
      rdsMock.commandCalls(ModifyDBInstanceCommand)[0].args[0].input,
    ).toEqual({
      DBInstanceIdentifier: idOf('prod'),
      DBInstanceClass: 'db.r6g.large',
      ApplyImmediately: false,
    });
  });

  it('changes nothing when the instance matches, or the change is already pending', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        testInstance('available', {
          AllocatedStorage: 50,
          PendingModifiedValues: { DBInstanceClass: 'db.t4g.small' },
        }),
      ],
    });

    const { ctx, logger } = testContext();
    await provider().ensure(
      testRequest({ instanceClass: 'db.t4g.small', storageGb: 30 }),
      ctx,
    );

    expect(rdsMock.commandCalls(ModifyDBInstanceCommand)).toHaveLength(0);
    expect(logger.text()).toContain('RDS cannot shrink storage');
  });

  it('starts a stopped instance before converging', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [testInstance('stopped')] })
      .resolvesOnce({ DBInstances: [testInstance('starting')] })
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock.on(StartDBInstanceCommand).resolves({});

    await provider().ensure(testRequest(), testContext().ctx);

    expect(rdsMock.commandCalls(StartDBInstanceCommand)).toHaveLength(1);
  });

  it('refuses an instance of the same name that is not this environment’s', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        testInstance('available', {
          TagList: greenroomTags(
            'dev-ada',
            'orders-db',
            {},
            {
              installationId: INSTALLATION,
              environmentId: 'env-earlier',
            },
          ),
        }),
      ],
    });

    const error = await provider()
      .ensure(testRequest({ instanceClass: 'db.t4g.small' }), testContext().ctx)
      .catch(e => e);

    expect(error).toMatchObject({ transient: false, code: 'NotOwned' });
    expect(error.message).toContain('earlier environment');
    expect(rdsMock.commandCalls(ModifyDBInstanceCommand)).toHaveLength(0);
  });

  it('refuses an instance that Greenroom did not create', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [testInstance('available', { TagList: [] })],
    });

    await expect(
      provider().ensure(testRequest(), testContext().ctx),
    ).rejects.toThrow('was not created by Greenroom');
  });
});

describe('ensure: waiting', () => {
  it.each([
    ['failed', 'destroy the database service and add it again'],
    ['incompatible-parameters', 'parameter group'],
    ['incompatible-network', 'subnetGroupName'],
    ['storage-full', 'storageGb'],
    ['inaccessible-encryption-credentials', 'KMS'],
  ])('stops waiting on %s with a permanent error', async (status, advice) => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(notFound())
      .resolvesOnce({ DBInstances: [testInstance('creating')] })
      .resolves({ DBInstances: [testInstance(status)] });
    rdsMock.on(CreateDBInstanceCommand).resolves({});

    const error = await provider()
      .ensure(testRequest(), testContext().ctx)
      .catch(e => e);

    expect(error).toBeInstanceOf(RuntimeError);
    expect(error.transient).toBe(false);
    expect(error.code).toBe(status);
    expect(error.message).toContain(ID);
    expect(error.message).toContain(advice);
  });

  it('gives up after the timeout with a transient error', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolves({ DBInstances: [testInstance('modifying')] });

    const error = await provider({ availableTimeoutMs: 20 })
      .ensure(testRequest(), testContext().ctx)
      .catch(e => e);

    expect(error).toMatchObject({ transient: true, code: 'WaitTimeout' });
    expect(error.message).toContain('it is modifying');
  });

  it('stops waiting when the operation is cancelled', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolves({ DBInstances: [testInstance('creating')] });
    const controller = new AbortController();
    const { ctx } = testContext({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled')), 20);

    await expect(
      provider({ pollIntervalMs: 5, availableTimeoutMs: 60_000 }).ensure(
        testRequest(),
        ctx,
      ),
    ).rejects.toThrow('cancelled');
  });

  it('reports an instance that vanishes while it is awaited', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(notFound());
    rdsMock.on(CreateDBInstanceCommand).resolves({});

    await expect(
      provider().ensure(testRequest(), testContext().ctx),
    ).rejects.toThrow(`RDS instance ${ID} disappeared`);
  });
});

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

    const endpoint = await provider().ensure(
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
    expect(logger.text()).not.toContain(PASSWORD);
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

    await provider().ensure(testRequest({ dataSource: source }), ctx);

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

    await provider().ensure(
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

    const error = await provider()
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
      provider().ensure(
        testRequest({ dataSource: { ...source, restoreTime: 'yesterday' } }),
        testContext().ctx,
      ),
    ).rejects.toThrow('is not a date');
    expect(
      rdsMock.commandCalls(RestoreDBInstanceToPointInTimeCommand),
    ).toHaveLength(0);
  });
});

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

    const endpoint = await provider({ engineMode: 'aurora' }).ensure(
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

    await provider({ engineMode: 'aurora' }).ensure(
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
});

describe('stop and start', () => {
  it('stops an available instance and waits until it is stopped', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [testInstance('available')] })
      .resolvesOnce({ DBInstances: [testInstance('stopping')] })
      .resolves({ DBInstances: [testInstance('stopped')] });
    rdsMock.on(StopDBInstanceCommand).resolves({});

    await provider().stop(testRequest(), testContext().ctx);

    expect(
      rdsMock.commandCalls(StopDBInstanceCommand)[0].args[0].input,
    ).toEqual({
      DBInstanceIdentifier: ID,
    });
    expect(rdsMock.commandCalls(DescribeDBInstancesCommand)).toHaveLength(3);
  });

  it('is done when the instance is already stopped', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolves({ DBInstances: [testInstance('stopped')] });

    await provider().stop(testRequest(), testContext().ctx);

    expect(rdsMock.commandCalls(StopDBInstanceCommand)).toHaveLength(0);
  });

  it('retries while AWS says the instance is busy (InvalidDBInstanceState)', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [testInstance('backing-up')] })
      .resolvesOnce({ DBInstances: [testInstance('available')] })
      .resolves({ DBInstances: [testInstance('stopped')] });
    rdsMock
      .on(StopDBInstanceCommand)
      .rejectsOnce(awsError('InvalidDBInstanceStateFault', 'backing up'))
      .resolves({});

    await provider().stop(testRequest(), testContext().ctx);

    expect(rdsMock.commandCalls(StopDBInstanceCommand)).toHaveLength(2);
  });

  it('has nothing to stop when there is no instance', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(notFound());

    await provider().stop(testRequest(), testContext().ctx);

    expect(rdsMock.commandCalls(StopDBInstanceCommand)).toHaveLength(0);
  });

  it('starts a stopped instance and returns its endpoint once available', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [testInstance('stopped')] })
      .resolvesOnce({ DBInstances: [testInstance('starting')] })
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock.on(StartDBInstanceCommand).resolves({});

    const endpoint = await provider().start(testRequest(), testContext().ctx);

    expect(
      rdsMock.commandCalls(StartDBInstanceCommand)[0].args[0].input,
    ).toEqual({
      DBInstanceIdentifier: ID,
    });
    expect(endpoint.host).toBe(HOST);
  });

  it('waits for a stopping instance before starting it', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [testInstance('stopping')] })
      .resolvesOnce({ DBInstances: [testInstance('stopped')] })
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock.on(StartDBInstanceCommand).resolves({});

    await provider().start(testRequest(), testContext().ctx);

    expect(rdsMock.commandCalls(StartDBInstanceCommand)).toHaveLength(1);
  });
});

describe('destroy', () => {
  it('skips the final snapshot outside production', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [testInstance('available')] })
      .resolvesOnce({ DBInstances: [testInstance('deleting')] })
      .rejects(notFound());
    rdsMock.on(DeleteDBInstanceCommand).resolves({});

    await provider().destroy(testRequest(), testContext().ctx);

    expect(rdsMock.commandCalls(ModifyDBInstanceCommand)).toHaveLength(0);
    expect(
      rdsMock.commandCalls(DeleteDBInstanceCommand)[0].args[0].input,
    ).toEqual({
      DBInstanceIdentifier: ID,
      SkipFinalSnapshot: true,
      FinalDBSnapshotIdentifier: undefined,
    });
  });

  it('always keeps a final snapshot of production, lifting deletion protection first', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({
        DBInstances: [
          testInstance('available', {
            environmentName: 'prod',
            DeletionProtection: true,
          }),
        ],
      })
      .rejects(notFound());
    rdsMock.on(ModifyDBInstanceCommand).resolves({});
    rdsMock.on(DeleteDBInstanceCommand).resolves({});
    const { ctx, logger } = testContext();

    await provider().destroy(
      testRequest({ mode: 'production', environmentName: 'prod' }),
      ctx, // finalSnapshot: false, yet production keeps one
    );

    expect(sentCommands().filter(c => !c.startsWith('Describe'))).toEqual([
      'ModifyDBInstanceCommand',
      'DeleteDBInstanceCommand',
    ]);
    expect(
      rdsMock.commandCalls(ModifyDBInstanceCommand)[0].args[0].input,
    ).toEqual({
      DBInstanceIdentifier: idOf('prod'),
      DeletionProtection: false,
      ApplyImmediately: true,
    });
    expect(
      rdsMock.commandCalls(DeleteDBInstanceCommand)[0].args[0].input,
    ).toEqual({
      DBInstanceIdentifier: idOf('prod'),
      SkipFinalSnapshot: false,
      FinalDBSnapshotIdentifier: `${idOf('prod')}-final-20261123t134500`,
    });
    expect(logger.text()).toContain(`${idOf('prod')}-final-20261123t134500`);
  });

  it('keeps a final snapshot when asked to', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [testInstance('stopped')] })
      .rejects(notFound());
    rdsMock.on(DeleteDBInstanceCommand).resolves({});
    const { ctx } = testContext();

    await provider().destroy(testRequest(), { ...ctx, finalSnapshot: true });

    expect(
      rdsMock.commandCalls(DeleteDBInstanceCommand)[0].args[0].input,
    ).toEqual({
      DBInstanceIdentifier: ID,
      SkipFinalSnapshot: false,
      FinalDBSnapshotIdentifier: `${ID}-final-20261123t134500`,
    });
  });

  it('is done when the instance does not exist', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(notFound());

    await provider().destroy(testRequest(), testContext().ctx);

    expect(rdsMock.commandCalls(DeleteDBInstanceCommand)).toHaveLength(0);
  });

  it('is done when the instance vanishes before the delete call', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [testInstance('available')] })
      .rejects(notFound());
    rdsMock.on(DeleteDBInstanceCommand).rejects(notFound());

    await provider().destroy(testRequest(), testContext().ctx);

    expect(rdsMock.commandCalls(DeleteDBInstanceCommand)).toHaveLength(1);
  });

  it('never deletes an instance of another environment', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        testInstance('available', {
          TagList: greenroomTags(
            'dev-ada',
            'orders-db',
            {},
            {
              installationId: INSTALLATION,
              environmentId: 'env-other',
            },
          ),
        }),
      ],
    });

    await provider().destroy(testRequest(), testContext().ctx);

    expect(rdsMock.commandCalls(DeleteDBInstanceCommand)).toHaveLength(0);
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

    await provider({ engineMode: 'aurora' }).destroy(testRequest(), {
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

describe('observe', () => {
  it.each([
    ['available', 'running'],
    ['backing-up', 'running'],
    ['stopped', 'stopped'],
    ['creating', 'pending'],
    ['starting', 'pending'],
    ['failed', 'failed'],
    ['storage-full', 'failed'],
    ['something-new', 'unknown'],
  ])('reports %s as %s, with no URL', async (status, phase) => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolves({ DBInstances: [testInstance(status)] });

    const observed = await provider().observe(testRequest());

    expect(observed).toMatchObject({ name: 'orders-db', phase, urls: [] });
    expect(observed.message).toContain(ID);
  });

  it('reports a database that does not exist yet as pending', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(notFound());

    expect(await provider().observe(testRequest())).toEqual({
      name: 'orders-db',
      phase: 'pending',
      message: `RDS instance ${ID} does not exist yet`,
      urls: [],
    });
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

    expect(await provider().listManaged()).toEqual([
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

    await expect(provider().listManaged()).rejects.toMatchObject({
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

    expect(await provider().listManaged()).toEqual([
      { environmentName: 'dev-ada', target: 'aws-rds:eu-central-1' },
    ]);
    expect(rdsMock.commandCalls(DescribeDBInstancesCommand)).toHaveLength(4);
  });
});

describe('identifiers and ownership', () => {
  const LEGACY = 'gr-dev-ada-orders-db';
  const withService = (name: string) => {
    const request = testRequest();
    return { ...request, service: { ...request.service, name } };
  };
  const tagged = (
    details: {
      environmentName?: string;
      environmentId?: string;
      serviceName?: string;
      installationId?: string | null;
    } = {},
  ) =>
    greenroomTags(
      details.environmentName ?? 'dev-ada',
      details.serviceName ?? 'orders-db',
      {},
      {
        installationId:
          details.installationId === null
            ? undefined
            : details.installationId ?? INSTALLATION,
        environmentId: details.environmentId ?? ENV_ID,
      },
    );

  it('names two services whose readable names are the same differently', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(notFound())
      .resolvesOnce({ DBInstances: [testInstance('available')] })
      .rejectsOnce(notFound())
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock.on(CreateDBInstanceCommand).resolves({});

    const shop = testRequest({ environmentName: 'shop' });
    await provider().ensure(
      { ...shop, service: { ...shop.service, name: 'dev-db' } },
      testContext().ctx,
    );
    const shopDev = testRequest({ environmentName: 'shop-dev' });
    await provider().ensure(
      { ...shopDev, service: { ...shopDev.service, name: 'db' } },
      testContext().ctx,
    );

    const created = rdsMock
      .commandCalls(CreateDBInstanceCommand)
      .map(c => c.args[0].input.DBInstanceIdentifier);
    expect(created).toEqual([idOf('shop', 'dev-db'), idOf('shop-dev', 'db')]);
    expect(created[0]).not.toBe(created[1]);
    // Looked up by both names at once: now and as the first releases named it.
    expect(
      rdsMock.commandCalls(DescribeDBInstancesCommand)[0].args[0].input,
    ).toEqual({
      Filters: [
        {
          Name: 'db-instance-id',
          Values: [idOf('shop', 'dev-db'), 'gr-shop-dev-db'],
        },
      ],
    });
  });

  it.each([
    [
      'another service',
      { serviceName: 'users-db' },
      'belongs to service users-db, not orders-db',
    ],
    [
      'another environment',
      { environmentName: 'dev-bob' },
      'belongs to environment dev-bob, not dev-ada',
    ],
    [
      'an earlier environment of the same name',
      { environmentId: 'env-earlier' },
      'earlier environment named dev-ada (id env-earlier)',
    ],
    [
      'another installation',
      { installationId: 'portal-b' },
      'another Greenroom installation (greenroom.dev/installation=portal-b)',
    ],
  ])(
    'refuses to use, stop, start or delete an instance of its name that belongs to %s, and says so',
    async (_what, details, words) => {
      rdsMock.on(DescribeDBInstancesCommand).resolves({
        DBInstances: [testInstance('available', { TagList: tagged(details) })],
      });
      rdsMock.on(StopDBInstanceCommand).resolves({});
      rdsMock.on(DeleteDBInstanceCommand).resolves({});
      rdsMock.on(ModifyDBInstanceCommand).resolves({});

      const ensure = await provider()
        .ensure(
          testRequest({ instanceClass: 'db.t4g.large' }),
          testContext().ctx,
        )
        .catch(e => e);
      expect(ensure).toMatchObject({ code: 'NotOwned', transient: false });
      expect(ensure.message).toContain(words);
      const start = await provider()
        .start(testRequest(), testContext().ctx)
        .catch(e => e);
      expect(start).toMatchObject({ code: 'NotOwned' });

      const stop = testContext();
      await provider().stop(testRequest(), stop.ctx);
      expect(stop.logger.text()).toContain(words);
      const destroy = testContext();
      await provider().destroy(testRequest(), {
        ...destroy.ctx,
        finalSnapshot: true,
      });
      expect(destroy.logger.text()).toContain(words);

      expect(rdsMock.commandCalls(StopDBInstanceCommand)).toHaveLength(0);
      expect(rdsMock.commandCalls(DeleteDBInstanceCommand)).toHaveLength(0);
      expect(rdsMock.commandCalls(ModifyDBInstanceCommand)).toHaveLength(0);
    },
  );

  it('finds, adopts and converges an instance named as the first releases did, when its tags are this database’s', async () => {
    const legacy = testInstance('available', {
      DBInstanceIdentifier: LEGACY,
      DBInstanceArn: `arn:aws:rds:eu-central-1:123456789012:db:${LEGACY}`,
      TagList: tagged({ installationId: null }),
    });
    rdsMock.on(DescribeDBInstancesCommand).resolves({ DBInstances: [legacy] });
    rdsMock.on(AddTagsToResourceCommand).resolves({});
    rdsMock.on(ModifyDBInstanceCommand).resolves({});

    await provider().ensure(
      testRequest({ instanceClass: 'db.t4g.small' }),
      testContext().ctx,
    );

    expect(rdsMock.commandCalls(CreateDBInstanceCommand)).toHaveLength(0);
    expect(
      rdsMock.commandCalls(AddTagsToResourceCommand)[0].args[0].input,
    ).toEqual({
      ResourceName: legacy.DBInstanceArn,
      Tags: [{ Key: 'greenroom.dev/installation', Value: INSTALLATION }],
    });
    expect(
      rdsMock.commandCalls(ModifyDBInstanceCommand)[0].args[0].input,
    ).toMatchObject({
      DBInstanceIdentifier: LEGACY,
      DBInstanceClass: 'db.t4g.small',
    });
  });

  it('stops and deletes an instance named as the first releases did, by that name', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({
        DBInstances: [
          testInstance('available', {
            DBInstanceIdentifier: LEGACY,
            TagList: tagged(),
          }),
        ],
      })
      .resolves({
        DBInstances: [
          testInstance('stopped', {
            DBInstanceIdentifier: LEGACY,
            TagList: tagged(),
          }),
        ],
      });
    rdsMock.on(StopDBInstanceCommand).resolves({});
    await provider().stop(testRequest(), testContext().ctx);
    expect(
      rdsMock.commandCalls(StopDBInstanceCommand)[0].args[0].input,
    ).toEqual({ DBInstanceIdentifier: LEGACY });

    rdsMock.reset();
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({
        DBInstances: [
          testInstance('available', {
            DBInstanceIdentifier: LEGACY,
            TagList: tagged(),
          }),
        ],
      })
      .rejects(notFound());
    rdsMock.on(DeleteDBInstanceCommand).resolves({});
    await provider().destroy(testRequest({ mode: 'production' }), {
      ...testContext().ctx,
      finalSnapshot: false,
    });
    expect(
      rdsMock.commandCalls(DeleteDBInstanceCommand)[0].args[0].input,
    ).toEqual({
      DBInstanceIdentifier: LEGACY,
      SkipFinalSnapshot: false,
      FinalDBSnapshotIdentifier: `${LEGACY}-final-20261123t134500`,
    });
  });

  it("ignores an instance of the old name that is another service's, and creates its own", async () => {
    // `gr-dev-ada-orders-db` of environment `dev` and service `ada-orders-db`.
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({
        DBInstances: [
          testInstance('available', {
            DBInstanceIdentifier: LEGACY,
            TagList: tagged({
              environmentName: 'dev',
              serviceName: 'ada-orders-db',
              installationId: null,
            }),
          }),
        ],
      })
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock.on(CreateDBInstanceCommand).resolves({});
    rdsMock.on(ModifyDBInstanceCommand).resolves({});

    await provider().ensure(testRequest(), testContext().ctx);

    expect(
      rdsMock.commandCalls(CreateDBInstanceCommand)[0].args[0].input
        .DBInstanceIdentifier,
    ).toBe(ID);
    expect(rdsMock.commandCalls(ModifyDBInstanceCommand)).toHaveLength(0);
  });

  it('clones from a source named as the first releases did, once its tags match', async () => {
    const source = {
      environment: { id: 'env-src', name: 'staging', mode: 'staging' as const },
      serviceName: 'orders-db',
      restoreTime: '2026-11-23T12:00:00Z',
    };
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(notFound())
      .resolvesOnce({
        DBInstances: [
          {
            DBInstanceIdentifier: 'gr-staging-orders-db',
            TagList: tagged({
              environmentName: 'staging',
              environmentId: 'env-src',
            }),
          },
        ],
      })
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock.on(RestoreDBInstanceToPointInTimeCommand).resolves({});
    rdsMock.on(ModifyDBInstanceCommand).resolves({});

    await provider().ensure(
      testRequest({ dataSource: source }),
      testContext().ctx,
    );

    expect(
      rdsMock.commandCalls(RestoreDBInstanceToPointInTimeCommand)[0].args[0]
        .input,
    ).toMatchObject({
      SourceDBInstanceIdentifier: 'gr-staging-orders-db',
      TargetDBInstanceIdentifier: ID,
    });
  });

  it('tags everything it creates with its installation', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(notFound())
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock.on(CreateDBInstanceCommand).resolves({});
    await provider().ensure(withService('orders-db'), testContext().ctx);
    expect(
      rdsMock.commandCalls(CreateDBInstanceCommand)[0].args[0].input.Tags,
    ).toContainEqual({
      Key: 'greenroom.dev/installation',
      Value: INSTALLATION,
    });
  });
});
