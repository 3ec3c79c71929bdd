import { mockClient } from 'aws-sdk-client-mock';
import {
  CreateDBInstanceCommand,
  DBInstance,
  DeleteDBInstanceCommand,
  DescribeDBInstancesCommand,
  ModifyDBInstanceCommand,
  RDSClient,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds';
import type { ManagedDatabaseRequest } from '@greenroom/plugin-environments-node';
import {
  awsError,
  testConfig,
  testContext,
  testRequest,
} from './__testUtils__/fixtures';
import { AwsRdsDatabaseProvider } from './rds/AwsRdsDatabaseProvider';

/**
 * Abuse scenario (RDS identifiers): two services whose names read
 * the same once joined (`shop` + `dev-db`, `shop-dev` + `db`) must each get
 * a database of their own, and acting on one must never touch the other.
 */

const rdsMock = mockClient(RDSClient);

/** A small RDS: instances by identifier, available at once. */
function fakeRds() {
  const instances = new Map<string, DBInstance>();
  const notFound = () =>
    awsError('DBInstanceNotFoundFault', 'DBInstance not found', 404);
  rdsMock.on(DescribeDBInstancesCommand).callsFake(input => {
    if (input.DBInstanceIdentifier) {
      const found = instances.get(input.DBInstanceIdentifier);
      if (!found) throw notFound();
      return { DBInstances: [found] };
    }
    const names: string[] | undefined = input.Filters?.find(
      (f: any) => f.Name === 'db-instance-id',
    )?.Values;
    return {
      DBInstances: [...instances.values()].filter(
        i => !names || names.includes(i.DBInstanceIdentifier!),
      ),
    };
  });
  rdsMock.on(CreateDBInstanceCommand).callsFake(input => {
    if (instances.has(input.DBInstanceIdentifier)) {
      throw awsError('DBInstanceAlreadyExistsFault', 'exists');
    }
    instances.set(input.DBInstanceIdentifier, {
      DBInstanceIdentifier: input.DBInstanceIdentifier,
      DBInstanceStatus: 'available',
      Engine: input.Engine,
      DBInstanceClass: input.DBInstanceClass,
      AllocatedStorage: input.AllocatedStorage,
      MasterUsername: input.MasterUsername,
      DBName: input.DBName,
      Endpoint: {
        Address: `${input.DBInstanceIdentifier}.rds.example.com`,
        Port: 5432,
      },
      TagList: input.Tags,
    });
    return {};
  });
  rdsMock.on(ModifyDBInstanceCommand).resolves({});
  rdsMock.on(StopDBInstanceCommand).callsFake(input => {
    instances.get(input.DBInstanceIdentifier)!.DBInstanceStatus = 'stopped';
    return {};
  });
  rdsMock.on(DeleteDBInstanceCommand).callsFake(input => {
    if (!instances.delete(input.DBInstanceIdentifier)) throw notFound();
    return {};
  });
  return instances;
}

function request(
  environmentName: string,
  environmentId: string,
  serviceName: string,
): ManagedDatabaseRequest {
  const base = testRequest({ environmentName });
  return {
    ...base,
    environment: { ...base.environment, id: environmentId },
    service: { ...base.service, name: serviceName },
  };
}

describe('abuse: RDS identifiers', () => {
  beforeEach(() => rdsMock.reset());

  it('two services whose names read the same get their own RDS databases, and stopping or destroying one never touches the other', async () => {
    const instances = fakeRds();
    const provider = new AwsRdsDatabaseProvider({
      client: new RDSClient({ region: 'eu-central-1' }),
      config: testConfig(),
      installationId: 'gr-abuse01',
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const shop = request('shop', 'id-shop', 'dev-db');
    const shopDev = request('shop-dev', 'id-shop-dev', 'db');

    const first = await provider.ensure(shop, testContext().ctx);
    const second = await provider.ensure(shopDev, testContext().ctx);

    expect(instances.size).toBe(2);
    expect(first.host).not.toBe(second.host);
    const byService = Object.fromEntries(
      [...instances.values()].map(i => [
        i.TagList!.find(t => t.Key === 'greenroom.dev/service')!.Value,
        i,
      ]),
    );
    expect(Object.keys(byService).sort()).toEqual(['db', 'dev-db']);

    await provider.stop(shopDev, testContext().ctx);
    expect(byService['dev-db'].DBInstanceStatus).toBe('available');
    expect(byService.db.DBInstanceStatus).toBe('stopped');

    await provider.destroy(shopDev, {
      ...testContext().ctx,
      finalSnapshot: false,
    });
    expect([...instances.values()]).toEqual([byService['dev-db']]);
    expect(
      rdsMock
        .commandCalls(DeleteDBInstanceCommand)
        .map(c => c.args[0].input.DBInstanceIdentifier),
    ).toEqual([byService.db.DBInstanceIdentifier]);
  });
});
