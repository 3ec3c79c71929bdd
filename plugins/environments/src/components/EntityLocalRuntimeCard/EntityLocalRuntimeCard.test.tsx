import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { EntityLocalRuntimeCard } from './EntityLocalRuntimeCard';

function environmentEntity(runtime: string): Entity {
  return {
    apiVersion: 'greenroom.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name: 'shop-dev', namespace: 'default' },
    spec: { runtime, mode: 'development' },
  };
}

function renderFor(entity: Entity) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityLocalRuntimeCard />
    </EntityProvider>,
  );
}

describe('EntityLocalRuntimeCard', () => {
  it('says plainly that a local environment is simulated, without pods, events or logs', async () => {
    await renderFor(environmentEntity('local'));

    expect(screen.getByText('Simulated environment')).toBeInTheDocument();
    expect(
      screen.getByText(/simulates environments: it deploys nothing/),
    ).toHaveTextContent('there are no pods, events or logs to show');
  });

  it('shows nothing for environments on a real runtime or other entities', async () => {
    await renderFor(environmentEntity('kubernetes/prod-eu-1'));
    expect(screen.queryByText('Simulated environment')).not.toBeInTheDocument();

    await renderFor({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'local' },
      spec: { runtime: 'local' },
    });
    expect(screen.queryByText('Simulated environment')).not.toBeInTheDocument();
  });
});
