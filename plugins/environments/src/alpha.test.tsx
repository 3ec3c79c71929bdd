import type { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import environmentsPlugin, {
  entityEnvironmentsContent,
  entityLocalRuntimeCard,
  environmentsPage,
  environmentsTranslationRef,
} from './alpha';
import { makeEnvironment } from './__testUtils__/environments';
import { testMountedRoutes } from './__testUtils__/testApp';
import { EnvironmentsList } from './components/EnvironmentsPage';
import {
  costsRouteRef,
  environmentRouteRef,
  newEnvironmentRouteRef,
  rootRouteRef,
  templateRouteRef,
  templatesRouteRef,
} from './routes';

const entityOfKind = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('environments plugin (new frontend system)', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('provides the page, the API and the entity tab under the environments plugin id', () => {
    expect(environmentsPlugin.pluginId).toBe('environments');
    expect(environmentsPlugin.title).toBe('Environments');
    expect(environmentsPlugin.getExtension('page:environments')).toBeDefined();
    expect(environmentsPlugin.getExtension('api:environments')).toBeDefined();
    expect(
      environmentsPlugin.getExtension(
        'entity-content:environments/environments',
      ),
    ).toBeDefined();
  });

  it('exports the translation ref of its texts, English by default', () => {
    expect(environmentsTranslationRef.id).toBe('environments');
  });

  it('leaves the plugin header to the app, with the plugin title and icon', () => {
    const tester = createExtensionTester(environmentsPage);
    expect(tester.get(coreExtensionData.title)).toBe('Environments');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('exposes the list, the form and the environment page as routes', () => {
    expect(environmentsPlugin.routes).toEqual({
      root: rootRouteRef,
      environment: environmentRouteRef,
      newEnvironment: newEnvironmentRouteRef,
      costs: costsRouteRef,
      templates: templatesRouteRef,
      template: templateRouteRef,
    });
    expect(String(environmentRouteRef)).toContain('/:name');
    expect(String(newEnvironmentRouteRef)).toContain('/new');
  });

  it('shows the Environments tab on Components and Systems only', () => {
    const tester = createExtensionTester(entityEnvironmentsContent);
    // The extensions are exported typed by kind and name only (see alpha.tsx).
    const filter = tester.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    ) as ((entity: Entity) => boolean) | undefined;

    expect(filter).toBeDefined();
    expect(filter!(entityOfKind('Component'))).toBe(true);
    expect(filter!(entityOfKind('System'))).toBe(true);
    expect(filter!(entityOfKind('API'))).toBe(false);
    expect(filter!(entityOfKind('Group'))).toBe(false);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Environments',
    );
  });

  it('puts the local-runtime card on the overview of local environments only', () => {
    expect(
      environmentsPlugin.getExtension('entity-card:environments/local-runtime'),
    ).toBeDefined();
    const tester = createExtensionTester(entityLocalRuntimeCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction) as
      | ((entity: Entity) => boolean)
      | undefined;
    const environment = (runtime: string): Entity => ({
      apiVersion: 'greenroom.dev/v1alpha1',
      kind: 'Environment',
      metadata: { name: 'shop-dev' },
      spec: { runtime },
    });

    expect(filter).toBeDefined();
    expect(filter!(environment('local'))).toBe(true);
    expect(filter!(environment('kubernetes/prod-eu-1'))).toBe(false);
    expect(filter!(entityOfKind('Component'))).toBe(false);
  });

  it('wires the API to the environments backend through discovery and fetch', async () => {
    const urls: string[] = [];
    server.use(
      http.get('*/api/environments/environments', ({ request }) => {
        urls.push(request.url);
        return HttpResponse.json({
          items: [makeEnvironment({ name: 'from-backend' })],
          totalCount: 1,
        });
      }),
    );

    await renderInTestApp(<EnvironmentsList />, {
      features: [environmentsPlugin],
      mountedRoutes: testMountedRoutes,
    });

    expect(await screen.findByText('from-backend')).toBeInTheDocument();
    expect(urls).toEqual([
      'http://localhost:7007/api/environments/environments?limit=20&offset=0',
    ]);
  });
});
