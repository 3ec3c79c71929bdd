import {
  CreateDBInstanceCommand,
  DescribeDBInstancesCommand,
  ModifyDBInstanceCommand,
  StartDBInstanceCommand,
} from '@aws-sdk/client-rds';
import { RuntimeError } from '@greenroom/plugin-environments-node';
import {
  INSTALLATION,
  PASSWORD,
  idOf,
  awsError,
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
  testProvider,
} from '../__testUtils__/rdsMock';
import { greenroomTags } from './naming';

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

    const endpoint = await testProvider().ensure(testRequest(), ctx);

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
    expect(loggedText(logger)).not.toBe('[]');
    expect(loggedText(logger)).not.toContain(PASSWORD);
  });

  it('protects a production database and keeps a week of backups', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(notFound())
      .resolves({
        DBInstances: [testInstance('available', { environmentName: 'prod' })],
      });
    rdsMock.on(CreateDBInstanceCommand).resolves({});

    await testProvider().ensure(
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
      const error = await testProvider()
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

    const endpoint = await testProvider().ensure(
      testRequest(),
      testContext().ctx,
    );

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

    await testProvider().ensure(testRequest(), ctx);

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

    await testProvider().ensure(
      testRequest({ instanceClass: 'db.m7g.large' }),
      ctx,
    );

    expect(rdsMock.commandCalls(CreateDBInstanceCommand)).toHaveLength(3);
    expect(loggedText(logger)).toContain(
      'AWS has no capacity for db.m7g.large in eu-central-1 right now',
    );
    expect(loggedText(logger)).not.toContain(PASSWORD);
  });

  it('retries throttled calls', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded'))
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
      .resolves({ DBInstances: [testInstance('available')] });

    await testProvider().ensure(testRequest(), testContext().ctx);

    expect(rdsMock.commandCalls(DescribeDBInstancesCommand)).toHaveLength(4);
  });

  it('fails permanently on a quota error, without the password in the error', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(notFound());
    rdsMock
      .on(CreateDBInstanceCommand)
      .rejects(awsError('InstanceQuotaExceededFault', 'quota'));
    const { ctx, logger } = testContext();

    const error = await testProvider()
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
    expect(loggedText(logger)).not.toContain(PASSWORD);
  });

  it('never echoes the password even when AWS puts it in its message', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(notFound());
    rdsMock
      .on(CreateDBInstanceCommand)
      .rejects(
        awsError('InvalidParameterValue', `Invalid password ${PASSWORD} given`),
      );

    const error = await testProvider()
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

    await testProvider().ensure(
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

    await testProvider().ensure(
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
    await testProvider().ensure(
      testRequest({ instanceClass: 'db.t4g.small', storageGb: 30 }),
      ctx,
    );

    expect(rdsMock.commandCalls(ModifyDBInstanceCommand)).toHaveLength(0);
    expect(loggedText(logger)).toContain('RDS cannot shrink storage');
  });

  it('starts a stopped instance before converging', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [testInstance('stopped')] })
      .resolvesOnce({ DBInstances: [testInstance('starting')] })
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock.on(StartDBInstanceCommand).resolves({});

    await testProvider().ensure(testRequest(), testContext().ctx);

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

    const error = await testProvider()
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
      testProvider().ensure(testRequest(), testContext().ctx),
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

    const error = await testProvider()
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

    const error = await testProvider({ availableTimeoutMs: 20 })
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
      testProvider({ pollIntervalMs: 5, availableTimeoutMs: 60_000 }).ensure(
        testRequest(),
        ctx,
      ),
    ).rejects.toThrow('cancelled');
  });

  it('reports an instance that vanishes while it is awaited', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(notFound());
    rdsMock.on(CreateDBInstanceCommand).resolves({});

    await expect(
      testProvider().ensure(testRequest(), testContext().ctx),
    ).rejects.toThrow(`RDS instance ${ID} disappeared`);
  });
});
