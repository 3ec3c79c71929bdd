import {
  AddTagsToResourceCommand,
  CreateDBInstanceCommand,
  DeleteDBInstanceCommand,
  DescribeDBInstancesCommand,
  ModifyDBInstanceCommand,
  RestoreDBInstanceToPointInTimeCommand,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds';
import {
  ENV_ID,
  INSTALLATION,
  idOf,
  testContext,
  testInstance,
  testRequest,
} from '../__testUtils__/fixtures';
import { loggedText } from '@greenroom/plugin-environments-node/testUtils';
import { ID, notFound, rdsMock, testProvider } from '../__testUtils__/rdsMock';
import { greenroomTags } from './naming';

beforeEach(() => rdsMock.reset());

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
    await testProvider().ensure(
      { ...shop, service: { ...shop.service, name: 'dev-db' } },
      testContext().ctx,
    );
    const shopDev = testRequest({ environmentName: 'shop-dev' });
    await testProvider().ensure(
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

      const ensure = await testProvider()
        .ensure(
          testRequest({ instanceClass: 'db.t4g.large' }),
          testContext().ctx,
        )
        .catch(e => e);
      expect(ensure).toMatchObject({ code: 'NotOwned', transient: false });
      expect(ensure.message).toContain(words);
      const start = await testProvider()
        .start(testRequest(), testContext().ctx)
        .catch(e => e);
      expect(start).toMatchObject({ code: 'NotOwned' });

      const stop = testContext();
      await testProvider().stop(testRequest(), stop.ctx);
      expect(loggedText(stop.logger)).toContain(words);
      const destroy = testContext();
      await testProvider().destroy(testRequest(), {
        ...destroy.ctx,
        finalSnapshot: true,
      });
      expect(loggedText(destroy.logger)).toContain(words);

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

    await testProvider().ensure(
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
    await testProvider().stop(testRequest(), testContext().ctx);
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
    await testProvider().destroy(testRequest({ mode: 'production' }), {
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

    await testProvider().ensure(testRequest(), testContext().ctx);

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

    await testProvider().ensure(
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
    await testProvider().ensure(withService('orders-db'), testContext().ctx);
    expect(
      rdsMock.commandCalls(CreateDBInstanceCommand)[0].args[0].input.Tags,
    ).toContainEqual({
      Key: 'greenroom.dev/installation',
      Value: INSTALLATION,
    });
  });
});
