import {
  DeleteDBInstanceCommand,
  DescribeDBInstancesCommand,
  ModifyDBInstanceCommand,
  StartDBInstanceCommand,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds';
import {
  INSTALLATION,
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
  notFound,
  rdsMock,
  sentCommands,
  testProvider,
} from '../__testUtils__/rdsMock';
import { greenroomTags } from './naming';

beforeEach(() => rdsMock.reset());

describe('stop and start', () => {
  it('stops an available instance and waits until it is stopped', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [testInstance('available')] })
      .resolvesOnce({ DBInstances: [testInstance('stopping')] })
      .resolves({ DBInstances: [testInstance('stopped')] });
    rdsMock.on(StopDBInstanceCommand).resolves({});

    await testProvider().stop(testRequest(), testContext().ctx);

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

    await testProvider().stop(testRequest(), testContext().ctx);

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

    await testProvider().stop(testRequest(), testContext().ctx);

    expect(rdsMock.commandCalls(StopDBInstanceCommand)).toHaveLength(2);
  });

  it('has nothing to stop when there is no instance', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(notFound());

    await testProvider().stop(testRequest(), testContext().ctx);

    expect(rdsMock.commandCalls(StopDBInstanceCommand)).toHaveLength(0);
  });

  it('starts a stopped instance and returns its endpoint once available', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [testInstance('stopped')] })
      .resolvesOnce({ DBInstances: [testInstance('starting')] })
      .resolves({ DBInstances: [testInstance('available')] });
    rdsMock.on(StartDBInstanceCommand).resolves({});

    const endpoint = await testProvider().start(
      testRequest(),
      testContext().ctx,
    );

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

    await testProvider().start(testRequest(), testContext().ctx);

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

    await testProvider().destroy(testRequest(), testContext().ctx);

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

    await testProvider().destroy(
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
    expect(loggedText(logger)).toContain(
      `${idOf('prod')}-final-20261123t134500`,
    );
  });

  it('keeps a final snapshot when asked to', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [testInstance('stopped')] })
      .rejects(notFound());
    rdsMock.on(DeleteDBInstanceCommand).resolves({});
    const { ctx } = testContext();

    await testProvider().destroy(testRequest(), {
      ...ctx,
      finalSnapshot: true,
    });

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

    await testProvider().destroy(testRequest(), testContext().ctx);

    expect(rdsMock.commandCalls(DeleteDBInstanceCommand)).toHaveLength(0);
  });

  it('is done when the instance vanishes before the delete call', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [testInstance('available')] })
      .rejects(notFound());
    rdsMock.on(DeleteDBInstanceCommand).rejects(notFound());

    await testProvider().destroy(testRequest(), testContext().ctx);

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

    await testProvider().destroy(testRequest(), testContext().ctx);

    expect(rdsMock.commandCalls(DeleteDBInstanceCommand)).toHaveLength(0);
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

    const observed = await testProvider().observe(testRequest());

    expect(observed).toMatchObject({ name: 'orders-db', phase, urls: [] });
    expect(observed.message).toContain(ID);
  });

  it('reports the class and storage the instance really has, not the declared ones', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        testInstance('available', {
          DBInstanceClass: 'db.r6g.large',
          AllocatedStorage: 200,
        }),
      ],
    });

    const observed = await testProvider().observe(
      testRequest({ instanceClass: 'db.t4g.micro', storageGb: 20 }),
    );

    expect(observed.provisioned).toEqual({
      replicas: 1,
      cpuCores: 0,
      memoryGb: 0,
      storageGb: 200,
      instanceClass: 'db.r6g.large',
    });
  });

  it('reports a stopped instance with no running replica but its storage', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolves({ DBInstances: [testInstance('stopped')] });

    const observed = await testProvider().observe(testRequest());

    expect(observed.provisioned).toMatchObject({ replicas: 0, storageGb: 20 });
  });

  it('bills an Aurora instance the declared storage, as it reports none that counts', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        testInstance('available', {
          Engine: 'aurora-postgresql',
          DBInstanceClass: 'db.r6g.large',
          AllocatedStorage: 1,
        }),
      ],
    });

    const observed = await testProvider().observe(
      testRequest({ storageGb: 50 }),
    );

    expect(observed.provisioned).toMatchObject({
      storageGb: 50,
      instanceClass: 'db.r6g.large',
    });
  });

  it('reports a database that does not exist yet as pending', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(notFound());

    expect(await testProvider().observe(testRequest())).toEqual({
      name: 'orders-db',
      phase: 'pending',
      message: `RDS instance ${ID} does not exist yet`,
      urls: [],
    });
  });
});
