import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { environmentsServiceRef } from '@greenroom/plugin-environments-node';
import {
  EnvironmentEntitiesProcessor,
  ServiceTemplateEntitiesProcessor,
} from './processor';
import { EnvironmentEntityProvider } from './provider/EnvironmentEntityProvider';

const SCHEDULE_KEY = 'catalog.providers.greenroomEnvironments.schedule';

/**
 * Adds the Greenroom entity kinds to the catalog: validation and relations
 * for `Environment` and `ServiceTemplate` (`apiVersion: greenroom.dev/v1alpha1`),
 * and a provider that publishes the environments plugin's environments.
 *
 * @public
 */
export const catalogModuleEnvironments = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'environments',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
        environments: environmentsServiceRef,
      },
      async init({
        catalog,
        config,
        logger,
        auth,
        scheduler,
        events,
        environments,
      }) {
        catalog.addProcessor(
          new EnvironmentEntitiesProcessor(),
          new ServiceTemplateEntitiesProcessor(),
        );
        const schedule = config.has(SCHEDULE_KEY)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(SCHEDULE_KEY),
            )
          : {
              frequency: { minutes: 10 },
              timeout: { minutes: 2 },
              initialDelay: { seconds: 15 },
            };
        catalog.addEntityProvider(
          new EnvironmentEntityProvider({
            environments,
            auth,
            events,
            logger: logger.child({ provider: 'greenroom-environments' }),
            schedule: scheduler.createScheduledTaskRunner(schedule),
            appBaseUrl: config.getOptionalString('app.baseUrl'),
          }),
        );
      },
    });
  },
});
