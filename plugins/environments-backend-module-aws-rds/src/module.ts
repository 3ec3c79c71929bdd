import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

export const environmentsModuleAwsRds = createBackendModule({
  pluginId: 'environments',
  moduleId: 'aws-rds',
  register(reg) {
    reg.registerInit({
      deps: { logger: coreServices.logger },
      async init({ logger }) {
        logger.info('Hello World!');
      },
    });
  },
});
