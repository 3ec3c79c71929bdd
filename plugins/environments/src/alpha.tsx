import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  ExtensionDataRef,
  ExtensionDefinition,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { compatWrapper } from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import LayersIcon from '@material-ui/icons/Layers';
import { isLocalRuntimeEnvironment } from './lib/localRuntime';
import { EnvironmentsClient, environmentsApiRef } from './api';
import {
  costsRouteRef,
  environmentRouteRef,
  newEnvironmentRouteRef,
  rootRouteRef,
  templateRouteRef,
  templatesRouteRef,
} from './routes';

export { environmentsTranslationRef } from './translation';

// The extensions are typed by kind and name only (and any output and params, which
// the plugin needs to key its extensions by id and a tester to read them). Their inferred types spell out
// every output of the blueprints, and those of frontend-plugin-api 1.0 (Backstage
// 1.57) name types that 0.18 (1.55) lacks (TranslationRefTuple, for translated
// titles): the declarations built here would not type-check in an app on 1.55.

/**
 * The Greenroom environments API, backed by the `environments` backend plugin.
 *
 * @alpha
 */
export const environmentsApi: ExtensionDefinition<{
  kind: 'api';
  name: undefined;
  output: ExtensionDataRef;
  params: object;
}> = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: environmentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EnvironmentsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The `/environments` page. Its title and icon make the sidebar nav item. It
 * routes on its own: the list at `/environments`, the "New environment" form
 * at `/environments/new`, the service templates at `/environments/templates`
 * (one at `/environments/templates/:namespace/:name`) and each environment at
 * `/environments/:name`.
 *
 * @alpha
 */
export const environmentsPage: ExtensionDefinition<{
  kind: 'page';
  name: undefined;
  output: ExtensionDataRef;
  params: object;
}> = PageBlueprint.make({
  params: {
    path: '/environments',
    routeRef: rootRouteRef,
    title: 'Environments',
    icon: <LayersIcon fontSize="inherit" />,
    // The app draws the plugin header (title, icon, breadcrumbs) as for the
    // catalog; each page puts its own title and buttons below it.
    loader: () =>
      import('./components/EnvironmentsRouter').then(m =>
        compatWrapper(<m.HostLayoutEnvironmentsRouter />),
      ),
  },
});

/**
 * The "Environments" tab of Component and System entity pages.
 *
 * @alpha
 */
export const entityEnvironmentsContent: ExtensionDefinition<{
  kind: 'entity-content';
  name: 'environments';
  output: ExtensionDataRef;
  params: object;
}> = EntityContentBlueprint.make({
  name: 'environments',
  params: {
    path: '/environments',
    title: 'Environments',
    group: 'deployment',
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import('./components/EntityEnvironmentsContent').then(m =>
        compatWrapper(<m.EntityEnvironmentsContent />),
      ),
  },
});

/**
 * The "Environment costs" tab of Group entity pages: what the team's
 * environments cost, idle share, savings, per environment and per day.
 *
 * @alpha
 */
export const entityEnvironmentCostsContent: ExtensionDefinition<{
  kind: 'entity-content';
  name: 'environment-costs';
  output: ExtensionDataRef;
  params: object;
}> = EntityContentBlueprint.make({
  name: 'environment-costs',
  params: {
    path: '/environment-costs',
    title: 'Environment costs',
    filter: { kind: 'group' },
    loader: () =>
      import('./components/EntityEnvironmentCostsContent').then(m =>
        compatWrapper(<m.EntityEnvironmentCostsContent />),
      ),
  },
});

/**
 * A card on the overview of Environment entities on the local runtime: the
 * environment is simulated, so it has no pods, events or logs (environments
 * on kubernetes get the Kubernetes tab from their annotations instead).
 *
 * @alpha
 */
export const entityLocalRuntimeCard: ExtensionDefinition<{
  kind: 'entity-card';
  name: 'local-runtime';
  output: ExtensionDataRef;
  params: object;
}> = EntityCardBlueprint.make({
  name: 'local-runtime',
  params: {
    type: 'info',
    filter: isLocalRuntimeEnvironment,
    loader: () =>
      import('./components/EntityLocalRuntimeCard').then(m =>
        compatWrapper(<m.EntityLocalRuntimeCard />),
      ),
  },
});

/**
 * Greenroom environments for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'environments',
  title: 'Environments',
  icon: <LayersIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
    environment: environmentRouteRef,
    newEnvironment: newEnvironmentRouteRef,
    costs: costsRouteRef,
    templates: templatesRouteRef,
    template: templateRouteRef,
  },
  extensions: [
    environmentsPage,
    environmentsApi,
    entityEnvironmentsContent,
    entityEnvironmentCostsContent,
    entityLocalRuntimeCard,
  ],
});
