import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { makeOperation } from '../../__testUtils__/environments';
import { OperationsTimeline } from './OperationsTimeline';

describe('OperationsTimeline', () => {
  it("shows a running step's progress message, as the runtime reports it", async () => {
    const startedAt = new Date().toISOString();
    await renderInTestApp(
      <OperationsTimeline
        live
        operations={[
          makeOperation({
            id: 'op-clone',
            type: 'clone',
            status: 'running',
            requestedBy: 'service:scaffolder',
            steps: [
              {
                name: 'apply',
                status: 'succeeded',
                startedAt,
                finishedAt: startedAt,
              },
              {
                name: 'data',
                status: 'running',
                startedAt,
                message: 'orders-db: 48000 rows copied (public.orders)',
              },
              { name: 'observe', status: 'queued' },
            ],
          }),
        ]}
      />,
    );

    const steps = within(screen.getByTestId('operation-op-clone')).getAllByRole(
      'listitem',
    );
    expect(steps.map(step => step.textContent)).toEqual([
      expect.stringMatching(/^applysucceeded/),
      expect.stringMatching(
        /^datarunning.*orders-db: 48000 rows copied \(public\.orders\)$/,
      ),
      'observequeued',
    ]);
    expect(screen.getByText('In progress, updating live')).toBeInTheDocument();
  });
});
