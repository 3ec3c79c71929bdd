/**
 * Greenroom environments: the environment list page and the Environments tab
 * of Component and System entity pages.
 *
 * This entry point holds the legacy frontend system plugin and the API; the
 * new frontend system plugin is the default export of
 * `@greenroom/plugin-environments/alpha`.
 *
 * @packageDocumentation
 */

export {
  environmentsPlugin,
  EnvironmentsPage,
  EntityEnvironmentsContent,
} from './plugin';
export { environmentsApiRef, EnvironmentsClient } from './api';
export type {
  EnvironmentsApi,
  EnvironmentSort,
  ListEnvironmentsQuery,
  ListEnvironmentsResponse,
} from './api';
