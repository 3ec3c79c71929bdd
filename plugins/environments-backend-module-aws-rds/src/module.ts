import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { RDSClient } from '@aws-sdk/client-rds';
import {
  environmentsManagedDatabaseExtensionPoint,
  environmentsServiceRef,
  readInstallationId,
} from '@greenroom/plugin-environments-node';
import { AwsRdsDatabaseProvider } from './rds/AwsRdsDatabaseProvider';
import { readAwsRdsConfig } from './rds/config';
import { createIsDesiredStopped } from './rds/desiredState';
import { restopAutoStartedInstances } from './rds/restopAutoStartedInstances';

/**
 * Managed databases on AWS RDS for the environments plugin, configured under
 * `environments.awsRds`: provides the `aws-rds` managed database provider and
 * an hourly check that stops again the instances AWS started by itself.
 *
 * @public
 */
export const environmentsModuleAwsRds = createBackendModule({
  pluginId: 'environments',
  moduleId: 'aws-rds',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        environments: environmentsServiceRef,
        managedDatabases: environmentsManagedDatabaseExtensionPoint,
      },
      async init({
        config,
        logger,
        scheduler,
        auth,
        environments,
        managedDatabases,
      }) {
        const rdsConfig = readAwsRdsConfig(config);
        if (!rdsConfig) {
          logger.info(
            'environments.awsRds.region is not set; managed databases on AWS RDS are off',
          );
          return;
        }
        // Credentials come from the default AWS provider chain, resolved on
        // the first call: nothing here talks to AWS at start-up.
        const client = new RDSClient({ region: rdsConfig.region });
        const installationId = readInstallationId(config);
        managedDatabases.setManagedDatabaseProvider(
          new AwsRdsDatabaseProvider({
            client,
            config: rdsConfig,
            installationId,
          }),
        );

        const taskLogger = logger.child({
          task: 'environments-aws-rds-restop',
        });
        await scheduler.scheduleTask({
          id: 'environments-aws-rds-restop',
          frequency: { hours: 1 },
          timeout: { minutes: 10 },
          scope: 'global',
          fn: async signal => {
            await restopAutoStartedInstances({
              client,
              installationId,
              logger: taskLogger,
              signal,
              isDesiredStopped: createIsDesiredStopped({
                environments,
                auth,
                logger: taskLogger,
              }),
            });
          },
        });
        logger.info('Managed databases on AWS RDS are on', {
          region: rdsConfig.region,
          engineMode: rdsConfig.engineMode,
          installationId,
        });
      },
    });
  },
});
