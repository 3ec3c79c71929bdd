import { costAmountsByEnvironment } from './amountsByEnvironment';
import { DEFAULT_PRICE_RATES } from './rates';
import type { CostEnvironment } from './summarize';

const HOUR = 60 * 60 * 1000;
const FROM = Date.UTC(2026, 10, 2);

const environments: CostEnvironment[] = [
  { id: 'e1', name: 'one', owner: 'a', system: 's', mode: 'development' },
  { id: 'e2', name: 'two', owner: 'b', system: 's', mode: 'development' },
];

const running = (environmentId: string) => ({
  environmentId,
  serviceName: 'svc',
  state: 'running' as const,
  startedAt: FROM,
  cpuCores: 1,
  memoryGb: 2,
  storageGb: 10,
});

describe('costAmountsByEnvironment', () => {
  it('keys amounts by environment id, leaving out unlisted environments and those without intervals', () => {
    const { amounts, unpricedInstanceClasses } = costAmountsByEnvironment({
      environments,
      intervals: [
        running('e1'),
        { ...running('e1'), instanceClass: 'db.unknown' },
        running('unlisted'),
      ],
      activity: [],
      rates: DEFAULT_PRICE_RATES,
      from: FROM,
      to: FROM + 4 * HOUR,
    });
    expect([...amounts.keys()]).toEqual(['e1']);
    expect(amounts.get('e1')!.total).toBeGreaterThan(0);
    // Idle after the default 2 hours, counted once for its two services.
    expect(amounts.get('e1')!.idleHours).toBe(2);
    expect(unpricedInstanceClasses).toEqual(['db.unknown']);
  });
});
