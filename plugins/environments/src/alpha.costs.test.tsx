import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import environmentsPlugin, { entityEnvironmentCostsContent } from './alpha';
import { EntityEnvironmentCostsContent, environmentsPlugin as legacy } from '.';
import { costsRouteRef } from './routes';

const entityOfKind = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('environment costs in the plugin', () => {
  it('adds the Environment costs tab to Group pages only', () => {
    expect(
      environmentsPlugin.getExtension(
        'entity-content:environments/environment-costs',
      ),
    ).toBeDefined();
    const tester = createExtensionTester(entityEnvironmentCostsContent);
    // The extensions are exported typed by kind and name only (see alpha.tsx).
    const filter = tester.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    ) as ((entity: Entity) => boolean) | undefined;

    expect(filter).toBeDefined();
    expect(filter!(entityOfKind('Group'))).toBe(true);
    expect(filter!(entityOfKind('group'))).toBe(true);
    expect(filter!(entityOfKind('User'))).toBe(false);
    expect(filter!(entityOfKind('Component'))).toBe(false);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Environment costs',
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/environment-costs');
  });

  it('routes the costs page under /environments/costs, for both systems', () => {
    expect(environmentsPlugin.routes.costs).toBe(costsRouteRef);
    expect(String(costsRouteRef)).toContain('/costs');
    expect(legacy.routes.costs).toBeDefined();
    expect(EntityEnvironmentCostsContent).toEqual(expect.any(Function));
  });
});
