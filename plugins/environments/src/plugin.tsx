import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';

import { rootRouteRef } from './routes';

export const page = PageBlueprint.make({
  params: {
    path: '/environments',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/TodoPage').then(m => (
        <m.TodoPage />
      )),
  },
});

export const environmentsPlugin = createFrontendPlugin({
  pluginId: 'environments',
  extensions: [page],
  routes: {
    root: rootRouteRef,
  }
});
