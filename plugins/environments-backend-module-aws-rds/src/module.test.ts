import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeDBInstancesCommand,
  RDSClient,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds';
import {
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  EnvironmentsService,
  ManagedDatabaseProvider,
  environmentsManagedDatabaseExtensionPoint,
  environmentsServiceRef,
} from '@greenroom/plugin-environments-node';
// A test-only import: the module must start inside the real plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import environmentsPlugin from '@greenroom/plugin-environments-backend';
import { environmentsModuleAwsRds } from './module';
import { AwsRdsDatabaseProvider } from './rds/AwsRdsDatabaseProvider';
import { greenroomTags } from './rds/naming';

const rdsMock = mockClient(RDSClient);

/**
 * Stands in for the environments plugin's side of the extension point, so the
 * test sees exactly what the module registers.
 */
function environmentsPluginDouble(registered: ManagedDatabaseProvider[]) {
  return createBackendPlugin({
    pluginId: 'environments',
    register(env) {
      env.registerExtensionPoint(environmentsManagedDatabaseExtensionPoint, {
        setManagedDatabaseProvider(provider) {
          if (registered.length) throw new Error('provider already set');
          registered.push(provider);
        },
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

function environmentsDouble(desiredState: Record<string, string>) {
  const getEnvironment = jest.fn(async (name: string) =>
    desiredState[name]
      ? ({ id: `id-${name}`, name, desiredState: desiredState[name] } as any)
      : undefined,
  );
  return {
    getEnvironment,
    factory: createServiceFactory({
      service: environmentsServiceRef,
      deps: {},
      factory: () => ({ getEnvironment } as unknown as EnvironmentsService),
    }),
  };
}

describe('environmentsModuleAwsRds', () => {
  beforeEach(() => rdsMock.reset());

  it('registers the aws-rds provider and schedules the hourly re-stop, without calling AWS at start-up', async () => {
    const registered: ManagedDatabaseProvider[] = [];
    const scheduler = mockServices.scheduler.mock();
    const environments = environmentsDouble({
      idle: 'stopped',
      busy: 'running',
    });

    const backend = await startTestBackend({
      features: [
        environmentsPluginDouble(registered),
        environmentsModuleAwsRds,
        scheduler.factory,
        environments.factory,
        mockServices.rootConfig.factory({
          data: {
            environments: {
              installationId: 'acme-portal',
              awsRds: { region: 'eu-central-1', pollInterval: 1 },
            },
          },
        }),
      ],
    });

    expect(registered).toHaveLength(1);
    expect(registered[0]).toBeInstanceOf(AwsRdsDatabaseProvider);
    expect(registered[0].type).toBe('aws-rds');
    expect(rdsMock.calls()).toHaveLength(0);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'environments-aws-rds-restop',
        frequency: { hours: 1 },
        timeout: { minutes: 10 },
        scope: 'global',
      }),
    );

    // The task asks the environments API and stops what should be stopped,
    // among this installation's instances only.
    const instance = (env: string, installationId: string) => ({
      DBInstanceIdentifier: `gr-${env}-orders-db-${installationId}`,
      DBInstanceStatus: 'available',
      TagList: greenroomTags(
        env,
        'orders-db',
        {},
        { installationId, environmentId: `id-${env}` },
      ),
    });
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        ...['idle', 'busy', 'gone'].map(env => instance(env, 'acme-portal')),
        instance('idle', 'other-portal'),
      ],
    });
    rdsMock.on(StopDBInstanceCommand).resolves({});
    const task = scheduler.scheduleTask.mock.calls[0][0];
    await task.fn(new AbortController().signal);

    expect(environments.getEnvironment.mock.calls.map(c => c[0])).toEqual([
      'idle',
      'busy',
      'gone',
    ]);
    expect(
      rdsMock.commandCalls(StopDBInstanceCommand).map(c => c.args[0].input),
    ).toEqual([{ DBInstanceIdentifier: 'gr-idle-orders-db-acme-portal' }]);

    await backend.stop();
  });

  it('stays off without a region', async () => {
    const registered: ManagedDatabaseProvider[] = [];
    const scheduler = mockServices.scheduler.mock();

    const backend = await startTestBackend({
      features: [
        environmentsPluginDouble(registered),
        environmentsModuleAwsRds,
        scheduler.factory,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });

    expect(registered).toHaveLength(0);
    expect(scheduler.scheduleTask).not.toHaveBeenCalled();
    await backend.stop();
  });

  it('starts with the real environments plugin', async () => {
    const scheduler = mockServices.scheduler.mock();

    const backend = await startTestBackend({
      features: [
        environmentsPlugin,
        environmentsModuleAwsRds,
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: {
            environments: {
              secretsKey: 'test-secrets-key-that-is-long-enough',
              awsRds: { region: 'eu-central-1' },
            },
          },
        }),
      ],
    });

    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'environments-aws-rds-restop' }),
    );
    expect(rdsMock.calls()).toHaveLength(0);
    await backend.stop();
  });
});
