import {
  EntityEnvironmentsContent,
  EntityLocalRuntimeCard,
  EnvironmentsPage,
  environmentsApiRef,
  environmentsPlugin,
} from './index';

describe('environments plugin (legacy frontend system)', () => {
  it('registers the environments API factory', () => {
    expect(environmentsPlugin.getId()).toBe('environments');
    const apiIds = Array.from(environmentsPlugin.getApis()).map(
      factory => factory.api.id,
    );
    expect(apiIds).toEqual([environmentsApiRef.id]);
    expect(environmentsApiRef.id).toBe('plugin.environments.api');
  });

  it('exposes the page and the entity content as extensions', () => {
    expect(environmentsPlugin.routes.root).toBeDefined();
    expect(environmentsPlugin.routes.environment).toBeDefined();
    expect(environmentsPlugin.routes.newEnvironment).toBeDefined();
    expect(environmentsPlugin.routes.templates).toBeDefined();
    expect(environmentsPlugin.routes.template).toBeDefined();
    expect(EnvironmentsPage).toEqual(expect.any(Function));
    expect(EntityEnvironmentsContent).toEqual(expect.any(Function));
    expect(EntityLocalRuntimeCard).toEqual(expect.any(Function));
  });
});
