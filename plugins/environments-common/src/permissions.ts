import { createPermission } from '@backstage/plugin-permission-common';

/** The resource type of environment permissions (resource ref: the environment name). @public */
export const ENVIRONMENT_RESOURCE_TYPE = 'environment';

/** See an environment; conditional on owner and mode. @public */
export const environmentReadPermission = createPermission({
  name: 'environments.environment.read',
  attributes: { action: 'read' },
  resourceType: ENVIRONMENT_RESOURCE_TYPE,
});

/** Create an environment (there is no resource yet). @public */
export const environmentCreatePermission = createPermission({
  name: 'environments.environment.create',
  attributes: { action: 'create' },
});

/** Clone an environment; the resource is the source environment. @public */
export const environmentClonePermission = createPermission({
  name: 'environments.environment.clone',
  attributes: { action: 'create' },
  resourceType: ENVIRONMENT_RESOURCE_TYPE,
});

/** Change an environment's services, variables or policy. @public */
export const environmentUpdatePermission = createPermission({
  name: 'environments.environment.update',
  attributes: { action: 'update' },
  resourceType: ENVIRONMENT_RESOURCE_TYPE,
});

/** Stop, start or extend an environment. @public */
export const environmentLifecyclePermission = createPermission({
  name: 'environments.environment.lifecycle',
  attributes: { action: 'update' },
  resourceType: ENVIRONMENT_RESOURCE_TYPE,
});

/** Destroy an environment. @public */
export const environmentDeletePermission = createPermission({
  name: 'environments.environment.delete',
  attributes: { action: 'delete' },
  resourceType: ENVIRONMENT_RESOURCE_TYPE,
});

/** See cost reports. @public */
export const costReadPermission = createPermission({
  name: 'environments.cost.read',
  attributes: { action: 'read' },
});

/** Add a service from a ServiceTemplate. @public */
export const templateUsePermission = createPermission({
  name: 'environments.template.use',
  attributes: {},
});

/**
 * Administer environments beyond one's own groups: make any user or group the
 * owner of an environment (others may only choose one of their ownership
 * refs), and link an environment to a pull request (`origin.pullRequest`,
 * the clone body's `pullRequest`). Grant it to the preview bot and to
 * platform admins. Other backend plugins calling with service credentials
 * need it too, as they act for no user. @public
 */
export const environmentsAdminPermission = createPermission({
  name: 'environments.admin',
  attributes: {},
});

/**
 * Create an environment in `production` mode, or clone one into it; needed
 * on top of `environments.environment.create` (and `.clone`). @public
 */
export const environmentProductionPermission = createPermission({
  name: 'environments.environment.production',
  attributes: { action: 'create' },
});

/** Every permission of the environments plugin. @public */
export const environmentsPermissions = [
  environmentReadPermission,
  environmentCreatePermission,
  environmentClonePermission,
  environmentUpdatePermission,
  environmentLifecyclePermission,
  environmentDeletePermission,
  costReadPermission,
  templateUsePermission,
  environmentsAdminPermission,
  environmentProductionPermission,
];
