import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  Environment,
  EnvironmentMode,
  EnvironmentStatus,
} from '@greenroom/plugin-environments-common';

/**
 * The orders the environment list can be sorted in. A leading `-` sorts
 * descending.
 *
 * @public
 */
export type EnvironmentSort =
  | 'name'
  | '-name'
  | 'updatedAt'
  | '-updatedAt'
  | 'lastActivityAt'
  | '-lastActivityAt'
  | 'expiresAt';

/**
 * Query for {@link EnvironmentsApi.listEnvironments}. Every field is optional;
 * entity refs are full refs such as `system:default/shop`.
 *
 * @public
 */
export interface ListEnvironmentsQuery {
  /** Page size, 1 to 1000; the backend defaults to 50. */
  limit?: number;
  offset?: number;
  /** Entity ref of the System the environments belong to. */
  system?: string;
  /** Entity ref of the owning Group. */
  owner?: string;
  mode?: EnvironmentMode;
  status?: EnvironmentStatus;
  /** Entity ref of a Component that runs as a service of the environments. */
  component?: string;
  /** Free text matched against name and title. */
  q?: string;
  sort?: EnvironmentSort;
}

/**
 * One page of environments.
 *
 * @public
 */
export interface ListEnvironmentsResponse {
  items: Environment[];
  /** How many environments match the query, across all pages. */
  totalCount: number;
}

/**
 * Client for the Greenroom environments backend.
 *
 * @public
 */
export interface EnvironmentsApi {
  listEnvironments(
    query?: ListEnvironmentsQuery,
  ): Promise<ListEnvironmentsResponse>;
  getEnvironment(name: string): Promise<Environment>;
}

/**
 * The API reference for {@link EnvironmentsApi}, shared by the new frontend
 * system and legacy apps.
 *
 * @public
 */
export const environmentsApiRef = createApiRef<EnvironmentsApi>().with({
  id: 'plugin.environments.api',
  pluginId: 'environments',
});
