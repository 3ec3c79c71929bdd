import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { EnvironmentsClient, environmentsApiRef } from './api';
import {
  costsRouteRef,
  environmentRouteRef,
  newEnvironmentRouteRef,
  rootRouteRef,
  templateRouteRef,
  templatesRouteRef,
} from './routes';

/**
 * Greenroom environments for apps on the legacy frontend system. New apps use
 * the default export of `@greenroom/plugin-environments/alpha`.
 *
 * @public
 */
export const environmentsPlugin = createPlugin({
  id: 'environments',
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    environment: convertLegacyRouteRef(environmentRouteRef),
    newEnvironment: convertLegacyRouteRef(newEnvironmentRouteRef),
    costs: convertLegacyRouteRef(costsRouteRef),
    templates: convertLegacyRouteRef(templatesRouteRef),
    template: convertLegacyRouteRef(templateRouteRef),
  },
  apis: [
    createApiFactory({
      api: environmentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EnvironmentsClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The environments pages, to mount at `/environments`: the list, the
 * "New environment" form at `new` and each environment at `:name`.
 *
 * @public
 */
export const EnvironmentsPage = environmentsPlugin.provide(
  createRoutableExtension({
    name: 'EnvironmentsPage',
    component: () =>
      import('./components/EnvironmentsRouter').then(
        m => m.LegacyEnvironmentsRouter,
      ),
    mountPoint: convertLegacyRouteRef(rootRouteRef),
  }),
);

/**
 * The "Environments" tab content for Component and System entity pages.
 *
 * @public
 */
export const EntityEnvironmentsContent = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentsContent',
    component: {
      lazy: () =>
        import('./components/EntityEnvironmentsContent').then(
          m => m.LegacyEntityEnvironmentsContent,
        ),
    },
  }),
);

/**
 * The "Environment costs" tab content for Group entity pages.
 *
 * @public
 */
export const EntityEnvironmentCostsContent = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentCostsContent',
    component: {
      lazy: () =>
        import('./components/EntityEnvironmentCostsContent').then(
          m => m.LegacyEntityEnvironmentCostsContent,
        ),
    },
  }),
);

/**
 * A card for the overview of Environment entities on the local runtime: it
 * says that the environment is simulated (no pods, events or logs). Renders
 * nothing for other entities.
 *
 * @public
 */
export const EntityLocalRuntimeCard = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityLocalRuntimeCard',
    component: {
      lazy: () =>
        import('./components/EntityLocalRuntimeCard').then(
          m => m.LegacyEntityLocalRuntimeCard,
        ),
    },
  }),
);
