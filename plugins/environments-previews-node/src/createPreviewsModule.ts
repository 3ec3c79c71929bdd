import {
  coreServices,
  createBackendModule,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { environmentsServiceRef } from '@greenroom/plugin-environments-node';
import type { ChangeRequestProvider } from './ChangeRequestProvider';
import { startPreviews } from './startPreviews';

/**
 * The backend module of the `environments` plugin that runs previews of a
 * code host: `provider` builds its {@link ChangeRequestProvider} from the
 * config, and {@link startPreviews} does the rest when `configKey` is set.
 *
 * @public
 */
export function createPreviewsModule(options: {
  moduleId: string;
  configKey: string;
  provider: (config: RootConfigService) => ChangeRequestProvider;
}) {
  return createBackendModule({
    pluginId: 'environments',
    moduleId: options.moduleId,
    register(reg) {
      reg.registerInit({
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          auth: coreServices.auth,
          discovery: coreServices.discovery,
          scheduler: coreServices.scheduler,
          catalog: catalogServiceRef,
          events: eventsServiceRef,
          environments: environmentsServiceRef,
        },
        async init(deps) {
          await startPreviews({
            ...deps,
            configKey: options.configKey,
            provider: options.provider(deps.config),
          });
        },
      });
    },
  });
}
