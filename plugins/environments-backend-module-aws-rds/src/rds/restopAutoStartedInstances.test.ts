import { mockClient } from 'aws-sdk-client-mock';
import {
  DBInstance,
  DescribeDBInstancesCommand,
  RDSClient,
  StopDBClusterCommand,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds';
import { loggedText } from '@greenroom/plugin-environments-node/testUtils';
import { testLogger } from '../__testUtils__/logs';
import { awsError } from '../__testUtils__/fixtures';
import { greenroomTags } from './naming';
import { restopAutoStartedInstances } from './restopAutoStartedInstances';

const rdsMock = mockClient(RDSClient);

function instance(
  environment: string,
  status: string,
  extra: Partial<DBInstance> = {},
): DBInstance {
  return {
    DBInstanceIdentifier: `gr-${environment}-orders-db`,
    DBInstanceStatus: status,
    TagList: greenroomTags(
      environment,
      'orders-db',
      {},
      {
        installationId: 'gr-a',
        environmentId: `id-${environment}`,
      },
    ),
    ...extra,
  };
}

describe('restopAutoStartedInstances', () => {
  beforeEach(() => rdsMock.reset());

  it('stops again only the instances of environments that should be stopped', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        instance('idle', 'available'), // auto-started, desired stopped → stop
        instance('busy', 'available'), // desired running → leave
        instance('gone', 'available'), // unknown environment → leave
        instance('asleep', 'stopped'), // already stopped → not even asked
        instance('waking', 'starting'), // desired stopped, still starting → next run
        {
          DBInstanceIdentifier: 'someone-elses',
          DBInstanceStatus: 'available',
          TagList: [{ Key: 'team', Value: 'billing' }],
        },
        // Another installation's instance of an environment of the same name.
        {
          ...instance('idle', 'available'),
          DBInstanceIdentifier: 'gr-idle-orders-db-other-portal',
          TagList: greenroomTags(
            'idle',
            'orders-db',
            {},
            { installationId: 'gr-b', environmentId: 'id-idle' },
          ),
        },
      ],
    });
    rdsMock.on(StopDBInstanceCommand).resolves({});
    const desired: Record<string, boolean> = {
      idle: true,
      busy: false,
      gone: false,
      waking: true,
    };
    const asked: Array<[string, string | undefined]> = [];
    const logger = testLogger();

    const result = await restopAutoStartedInstances({
      client: new RDSClient({ region: 'eu-central-1' }),
      installationId: 'gr-a',
      logger,
      isDesiredStopped: async (name, id) => {
        asked.push([name, id]);
        return desired[name];
      },
    });

    expect(result).toEqual({
      stopped: ['gr-idle-orders-db'],
      deferred: ['gr-waking-orders-db'],
      failed: [],
    });
    expect(
      rdsMock.commandCalls(StopDBInstanceCommand).map(c => c.args[0].input),
    ).toEqual([{ DBInstanceIdentifier: 'gr-idle-orders-db' }]);
    expect(asked).toEqual([
      ['idle', 'id-idle'],
      ['busy', 'id-busy'],
      ['gone', 'id-gone'],
      ['waking', 'id-waking'],
    ]);
    expect(loggedText(logger)).toContain('7 days');
  });

  it('stops an Aurora cluster once, not each instance', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        instance('idle', 'available', {
          DBClusterIdentifier: 'gr-idle-orders-db',
        }),
        instance('idle', 'available', {
          DBInstanceIdentifier: 'gr-idle-orders-db-2',
          DBClusterIdentifier: 'gr-idle-orders-db',
        }),
      ],
    });
    rdsMock.on(StopDBClusterCommand).resolves({});

    await restopAutoStartedInstances({
      client: new RDSClient({ region: 'eu-central-1' }),
      installationId: 'gr-a',
      logger: testLogger(),
      isDesiredStopped: async () => true,
    });

    expect(
      rdsMock.commandCalls(StopDBClusterCommand).map(c => c.args[0].input),
    ).toEqual([{ DBClusterIdentifier: 'gr-idle-orders-db' }]);
    expect(rdsMock.commandCalls(StopDBInstanceCommand)).toHaveLength(0);
  });

  it('keeps going when one environment cannot be read or one stop fails', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        instance('unreadable', 'available'),
        instance('busy', 'available'),
        instance('denied', 'available'),
        instance('idle', 'available'),
      ],
    });
    rdsMock
      .on(StopDBInstanceCommand, { DBInstanceIdentifier: 'gr-busy-orders-db' })
      .rejects(awsError('InvalidDBInstanceStateFault', 'backing up'))
      .on(StopDBInstanceCommand, {
        DBInstanceIdentifier: 'gr-denied-orders-db',
      })
      .rejects(awsError('AccessDenied', 'no', 403))
      .on(StopDBInstanceCommand, { DBInstanceIdentifier: 'gr-idle-orders-db' })
      .resolves({});
    const logger = testLogger();

    const result = await restopAutoStartedInstances({
      client: new RDSClient({ region: 'eu-central-1' }),
      installationId: 'gr-a',
      logger,
      isDesiredStopped: async name => {
        if (name === 'unreadable') throw new Error('environments API down');
        return true;
      },
    });

    expect(result).toEqual({
      stopped: ['gr-idle-orders-db'],
      deferred: ['gr-busy-orders-db'],
      failed: ['gr-unreadable-orders-db', 'gr-denied-orders-db'],
    });
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('does nothing when the listing fails', async () => {
    rdsMock
      .on(DescribeDBInstancesCommand, { Marker: undefined })
      .resolves({ Marker: 'p2', DBInstances: [instance('idle', 'available')] })
      .on(DescribeDBInstancesCommand, { Marker: 'p2' })
      .rejects(awsError('Throttling', 'Rate exceeded'));
    const isDesiredStopped = jest.fn(async () => true);

    await expect(
      restopAutoStartedInstances({
        client: new RDSClient({ region: 'eu-central-1' }),
        installationId: 'gr-a',
        logger: testLogger(),
        isDesiredStopped,
      }),
    ).rejects.toThrow('Rate exceeded');
    expect(isDesiredStopped).not.toHaveBeenCalled();
    expect(rdsMock.commandCalls(StopDBInstanceCommand)).toHaveLength(0);
  });
});
