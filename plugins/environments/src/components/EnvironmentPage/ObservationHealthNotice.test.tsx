import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { makeEnvironment } from '../../__testUtils__/environments';
import { ObservationHealthNotice } from './ObservationHealthNotice';

const observation = {
  drift: [],
  failures: 0,
  entityAnnotations: {},
};

describe('ObservationHealthNotice', () => {
  it('says since when the runtime could not be observed, with the last error', async () => {
    const observedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    await renderInTestApp(
      <ObservationHealthNotice
        environment={makeEnvironment({
          name: 'shop-dev',
          observation: {
            ...observation,
            observedAt,
            failures: 4,
            lastError: 'connect ECONNREFUSED 10.0.0.1:443',
          },
        })}
      />,
    );

    const notice = screen.getByTestId('observation-health');
    expect(notice).toHaveTextContent(
      `The runtime could not be observed for 10 minutes, since ${new Date(
        observedAt,
      ).toLocaleString()} (4 failed attempts in a row)`,
    );
    expect(notice).toHaveTextContent(
      'Last error: connect ECONNREFUSED 10.0.0.1:443',
    );
  });

  it('says when the runtime was never observed', async () => {
    await renderInTestApp(
      <ObservationHealthNotice
        environment={makeEnvironment({
          name: 'shop-dev',
          observation: { ...observation, failures: 1 },
        })}
      />,
    );

    expect(screen.getByTestId('observation-health')).toHaveTextContent(
      'The runtime could not be observed yet (1 failed attempt).',
    );
  });

  it('shows nothing while observing works', async () => {
    await renderInTestApp(
      <ObservationHealthNotice
        environment={makeEnvironment({ name: 'shop-dev', observation })}
      />,
    );

    expect(screen.queryByTestId('observation-health')).not.toBeInTheDocument();
  });
});
