import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

export const environmentsModuleGithub = createBackendModule({
  pluginId: 'environments',
  moduleId: 'github',
  register(reg) {
    reg.registerInit({
      deps: { logger: coreServices.logger },
      async init({ logger }) {
        logger.info('Hello World!');
      },
    });
  },
});
