import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { act, screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { serveCost } from '../../__testUtils__/cost';
import {
  testApis,
  testMountedRoutesWithEnvironments,
} from '../../__testUtils__/testApp';
import { EnvironmentCostCard } from './EnvironmentCostCard';

// In a file of its own: permission decisions are cached across the tests of a file.
describe('EnvironmentCostCard without environments.cost.read', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows nothing, and asks for nothing, to those who may not read cost', async () => {
    const requests = serveCost(server);

    const { container } = renderInTestApp(
      <EnvironmentCostCard name="shop-dev" />,
      {
        apis: [
          ...testApis,
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ] as const,
        mountedRoutes: testMountedRoutesWithEnvironments,
      },
    );

    // Give a request the time it would take.
    await act(() => new Promise(resolve => setTimeout(resolve, 100)));
    expect(screen.queryByText('Cost')).not.toBeInTheDocument();
    expect(requests.summary).toHaveLength(0);
    expect(container.querySelector('.recharts-wrapper')).toBeNull();
  });
});
