import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { RDSClient } from '@aws-sdk/client-rds';
import { listManagedInstances } from './rds/listManagedInstances';

/**
 * Managed databases on AWS RDS for the environments plugin, configured under
 * `environments.awsRds`.
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
      },
      async init({ config, logger }) {
        const region = config.getOptionalString('environments.awsRds.region');
        if (!region) {
          logger.info(
            'environments.awsRds.region is not set; managed databases on AWS RDS are off',
          );
          return;
        }
        // Provisioning, stop/start, snapshot clones and the 7-day re-stop
        // check are registered on the runtime extension point by the runtime
        // issue; at start-up we only report what Greenroom already manages.
        const client = new RDSClient({ region });
        listManagedInstances(client).then(
          instances =>
            logger.info('AWS RDS instances managed by Greenroom', {
              region,
              count: instances.length,
            }),
          error => logger.warn('Could not list AWS RDS instances', error),
        );
      },
    });
  },
});
