import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { makeCostRow } from '../../__testUtils__/cost';
import { TOP_SPENDERS_SHOWN, TopSpendersTable } from './TopSpendersTable';

describe('TopSpendersTable', () => {
  it('shows every row of a small report, highest first', async () => {
    await renderInTestApp(
      <TopSpendersTable
        subtitle="Environments by cost, this month"
        rows={[
          makeCostRow({ key: 'cheap', compute: 1 }),
          makeCostRow({ key: 'dear', compute: 9 }),
        ]}
      />,
    );
    expect(
      screen.getByText('Environments by cost, this month'),
    ).toBeInTheDocument();
    const names = screen.getAllByRole('row').map(row => row.textContent);
    expect(names[1]).toContain('dear');
    expect(names[2]).toContain('cheap');
  });

  it('shows only the highest rows of a large report and says so', async () => {
    const count = TOP_SPENDERS_SHOWN + 50;
    // Lowest first: the table must pick the highest, not the first.
    const rows = Array.from({ length: count }, (_, i) =>
      makeCostRow({ key: `env-${i}`, compute: i }),
    );
    await renderInTestApp(
      <TopSpendersTable
        subtitle="Environments by cost, this month"
        rows={rows}
      />,
    );
    expect(
      screen.getByText(
        `Environments by cost, this month: the ${TOP_SPENDERS_SHOWN} highest of ${count} (the CSV download has every one)`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(`1-20 of ${TOP_SPENDERS_SHOWN}`).length,
    ).toBeGreaterThan(0);
    // compute = count - 1 is the highest; it leads the first page
    const highest = rows.find(row => row.compute === count - 1)!;
    expect(screen.getAllByRole('row')[1].textContent).toContain(highest.key);
  });
});
