import {
  ENVIRONMENT_RESOURCE_TYPE,
  costReadPermission,
  environmentClonePermission,
  environmentCreatePermission,
  environmentDeletePermission,
  environmentLifecyclePermission,
  environmentReadPermission,
  environmentUpdatePermission,
  environmentProductionPermission,
  environmentsAdminPermission,
  environmentsPermissions,
  templateUsePermission,
} from './permissions';

describe('permissions', () => {
  it('lists every permission once, with the documented names', () => {
    expect(environmentsPermissions.map(p => p.name)).toEqual([
      'environments.environment.read',
      'environments.environment.create',
      'environments.environment.clone',
      'environments.environment.update',
      'environments.environment.lifecycle',
      'environments.environment.delete',
      'environments.cost.read',
      'environments.template.use',
      'environments.admin',
      'environments.environment.production',
    ]);
    expect(new Set(environmentsPermissions).size).toBe(10);
  });

  it('makes permissions on one environment resource permissions', () => {
    for (const permission of [
      environmentReadPermission,
      environmentClonePermission,
      environmentUpdatePermission,
      environmentLifecyclePermission,
      environmentDeletePermission,
    ]) {
      expect(permission).toMatchObject({
        type: 'resource',
        resourceType: ENVIRONMENT_RESOURCE_TYPE,
      });
    }
    expect(ENVIRONMENT_RESOURCE_TYPE).toBe('environment');
  });

  it('makes the others basic permissions', () => {
    for (const permission of [
      environmentCreatePermission,
      costReadPermission,
      templateUsePermission,
      environmentsAdminPermission,
      environmentProductionPermission,
    ]) {
      expect(permission.type).toBe('basic');
    }
  });

  it('sets the actions', () => {
    expect(environmentReadPermission.attributes.action).toBe('read');
    expect(environmentCreatePermission.attributes.action).toBe('create');
    expect(environmentUpdatePermission.attributes.action).toBe('update');
    expect(environmentLifecyclePermission.attributes.action).toBe('update');
    expect(environmentDeletePermission.attributes.action).toBe('delete');
    expect(costReadPermission.attributes.action).toBe('read');
    expect(environmentProductionPermission.attributes.action).toBe('create');
    expect(environmentsAdminPermission.attributes).toEqual({});
  });
});
