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
import { rootRouteRef } from './routes';

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
 * The environment list page, to mount at `/environments`.
 *
 * @public
 */
export const EnvironmentsPage = environmentsPlugin.provide(
  createRoutableExtension({
    name: 'EnvironmentsPage',
    component: () =>
      import('./components/EnvironmentsPage').then(m => m.EnvironmentsPage),
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
          m => m.EntityEnvironmentsContent,
        ),
    },
  }),
);
