import type { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  ENVIRONMENT_RESOURCE_TYPE,
  environmentsPermissions,
} from '@greenroom/plugin-environments-common';
import type { EnvironmentsStore } from '../storage/types';
import {
  environmentPermissionResourceRef,
  environmentPermissionRules,
} from './rules';

/** The plugin's permissions, and environments as a resource type with its rules. */
export function registerPermissions(
  registry: PermissionsRegistryService,
  store: Pick<EnvironmentsStore, 'getEnvironment'>,
): void {
  registry.addPermissions(environmentsPermissions);
  registry.addResourceType({
    resourceRef: environmentPermissionResourceRef,
    permissions: environmentsPermissions.filter(p =>
      isResourcePermission(p, ENVIRONMENT_RESOURCE_TYPE),
    ),
    rules: environmentPermissionRules,
    getResources: names =>
      Promise.all(names.map(name => store.getEnvironment(name))),
  });
}
