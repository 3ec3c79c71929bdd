import { mockClient } from 'aws-sdk-client-mock';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { listManagedInstances } from './listManagedInstances';
import { greenroomTags } from './naming';

const rdsMock = mockClient(RDSClient);

describe('listManagedInstances', () => {
  beforeEach(() => rdsMock.reset());

  it('follows every page and keeps only instances tagged by Greenroom for this installation', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand, { Marker: undefined })
      .resolves({
        Marker: 'page-2',
        DBInstances: [
          {
            DBInstanceIdentifier: 'gr-staging-orders-db',
            DBInstanceStatus: 'available',
            TagList: greenroomTags(
              'staging',
              'orders-db',
              {},
              { installationId: 'gr-a' },
            ),
          },
          {
            DBInstanceIdentifier: 'legacy-billing',
            DBInstanceStatus: 'available',
            TagList: [{ Key: 'team', Value: 'billing' }],
          },
          {
            // Another portal's, in the same account.
            DBInstanceIdentifier: 'gr-staging-orders-db-b',
            DBInstanceStatus: 'available',
            TagList: greenroomTags(
              'staging',
              'orders-db',
              {},
              { installationId: 'gr-b' },
            ),
          },
          {
            // From before installation tags.
            DBInstanceIdentifier: 'gr-staging-orders-db-old',
            DBInstanceStatus: 'available',
            TagList: greenroomTags('staging', 'orders-db'),
          },
        ],
      })
      .on(DescribeDBInstancesCommand, { Marker: 'page-2' })
      .resolves({
        DBInstances: [
          {
            DBInstanceIdentifier: 'gr-production-orders-db',
            DBInstanceStatus: 'stopped',
            TagList: greenroomTags(
              'production',
              'orders-db',
              {},
              { installationId: 'gr-a' },
            ),
          },
        ],
      });

    const instances = await listManagedInstances(
      new RDSClient({ region: 'eu-central-1' }),
      'gr-a',
    );

    expect(instances).toEqual([
      {
        identifier: 'gr-staging-orders-db',
        environmentName: 'staging',
        serviceName: 'orders-db',
        status: 'available',
      },
      {
        identifier: 'gr-production-orders-db',
        environmentName: 'production',
        serviceName: 'orders-db',
        status: 'stopped',
      },
    ]);
    expect(rdsMock.commandCalls(DescribeDBInstancesCommand)).toHaveLength(2);
  });

  it('fails as a whole when a page fails, never returning a partial list', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand, { Marker: undefined })
      .resolves({ Marker: 'page-2', DBInstances: [] })
      .on(DescribeDBInstancesCommand, { Marker: 'page-2' })
      .rejects(
        Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }),
      );

    await expect(
      listManagedInstances(new RDSClient({ region: 'eu-central-1' }), 'gr-a'),
    ).rejects.toThrow('Rate exceeded');
  });

  it('carries the environment id and the Aurora cluster when tagged', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: 'gr-dev-ada-orders-db',
          DBInstanceStatus: 'starting',
          DBClusterIdentifier: 'gr-dev-ada-orders-db',
          TagList: greenroomTags(
            'dev-ada',
            'orders-db',
            {},
            {
              installationId: 'gr-a',
              environmentId: 'env-1',
            },
          ),
        },
      ],
    });

    expect(
      await listManagedInstances(
        new RDSClient({ region: 'eu-central-1' }),
        'gr-a',
      ),
    ).toEqual([
      {
        identifier: 'gr-dev-ada-orders-db',
        environmentName: 'dev-ada',
        environmentId: 'env-1',
        serviceName: 'orders-db',
        status: 'starting',
        clusterIdentifier: 'gr-dev-ada-orders-db',
      },
    ]);
  });
});
