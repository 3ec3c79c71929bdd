import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeEnvironment } from '../../__testUtils__/environments';
import { testApis } from '../../__testUtils__/testApp';
import { DriftCard } from './DriftCard';

// In a file of its own: usePermission caches answers per permission for the
// whole test file, and the other tests allow changing environments.

describe('re-applying without the update permission', () => {
  it('disables Re-apply with the reason', async () => {
    const onAccepted = jest.fn();
    await renderInTestApp(
      <DriftCard
        environment={makeEnvironment({
          name: 'shop-dev',
          observation: {
            drift: [{ resource: 'Deployment/api-shop-dev', change: 'missing' }],
            failures: 0,
            entityAnnotations: {},
          },
        })}
        busy={false}
        onAccepted={onAccepted}
      />,
      {
        apis: [
          ...testApis,
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ] as const,
      },
    );

    const wrapper = screen.getByTestId('reapply-disabled');
    expect(
      within(wrapper).getByRole('button', { name: 'Re-apply' }),
    ).toBeDisabled();
    await userEvent.hover(wrapper);
    const tooltip = await screen.findByRole('tooltip');
    // first while the permission is checked, then the answer
    await waitFor(() =>
      expect(tooltip).toHaveTextContent(
        'You are not allowed to change this environment',
      ),
    );
    expect(onAccepted).not.toHaveBeenCalled();
  });
});
