import type { Entity } from '@backstage/catalog-model';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { sampleEnvironments } from '../../__testUtils__/environments';
import {
  serveEnvironmentList,
  testApis,
  testMountedRoutes,
} from '../../__testUtils__/testApp';
import {
  EntityEnvironmentsContent,
  environmentQueryForEntity,
} from './EntityEnvironmentsContent';

function entity(kind: string, name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: {},
  };
}

function renderFor(subject: Entity) {
  return renderInTestApp(
    <EntityProvider entity={subject}>
      <EntityEnvironmentsContent />
    </EntityProvider>,
    { apis: testApis, mountedRoutes: testMountedRoutes },
  );
}

describe('environmentQueryForEntity', () => {
  it('maps Components and Systems to their filter and nothing else', () => {
    expect(environmentQueryForEntity(entity('Component', 'shop-api'))).toEqual({
      component: 'component:default/shop-api',
    });
    expect(environmentQueryForEntity(entity('System', 'shop'))).toEqual({
      system: 'system:default/shop',
    });
    expect(environmentQueryForEntity(entity('API', 'shop'))).toBeUndefined();
  });
});

describe('EntityEnvironmentsContent', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('lists the environments a Component runs in', async () => {
    const requests = serveEnvironmentList(server, sampleEnvironments);

    await renderFor(entity('Component', 'shop-api'));

    expect(await screen.findByText('shop-production')).toBeInTheDocument();
    expect(screen.getByText('Where shop-api runs')).toBeInTheDocument();
    // payments-dev does not run shop-api
    expect(screen.queryByText('payments-dev')).not.toBeInTheDocument();
    expect(requests[0].get('component')).toBe('component:default/shop-api');
    expect(requests[0].has('system')).toBe(false);
    // same columns as the list page, minus System
    expect(
      screen.getByRole('columnheader', { name: 'Owner' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('columnheader', { name: 'System' }),
    ).not.toBeInTheDocument();
  });

  it('lists the environments of a System', async () => {
    const requests = serveEnvironmentList(server, sampleEnvironments);

    await renderFor(entity('System', 'payments'));

    expect(await screen.findByText('payments-dev')).toBeInTheDocument();
    expect(screen.queryByText('shop-production')).not.toBeInTheDocument();
    expect(requests[0].get('system')).toBe('system:default/payments');
    expect(requests[0].has('component')).toBe(false);
  });

  it('says so when the entity runs nowhere', async () => {
    serveEnvironmentList(server, sampleEnvironments);

    await renderFor(entity('Component', 'lonely'));

    expect(await screen.findByText('No environments yet')).toBeInTheDocument();
    expect(
      screen.getByText(/lonely does not run as a service of any environment/),
    ).toBeInTheDocument();
  });
});
