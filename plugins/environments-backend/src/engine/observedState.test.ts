import type { ObservedService } from '@greenroom/plugin-environments-node';
import { statusFromObserved, summarizeObserved } from './observedState';

const observed = (...services: Array<Partial<ObservedService>>) => ({
  observedAt: '2025-01-01T00:00:00.000Z',
  services: services.map((s, i) => ({
    name: `s${i}`,
    phase: 'running' as const,
    urls: [],
    ...s,
  })),
});

describe('observed state', () => {
  it('is running when no service failed', () => {
    const state = observed({}, { phase: 'pending' });
    expect(statusFromObserved(state)).toBe('running');
    expect(summarizeObserved(state)).toBe('1 running, 1 pending');
  });

  it('is degraded and names the failures when a service failed', () => {
    const state = observed(
      {},
      { name: 'db', phase: 'failed', message: 'CrashLoopBackOff' },
    );
    expect(statusFromObserved(state)).toBe('degraded');
    expect(summarizeObserved(state)).toBe(
      '1 running, 1 failed (db: CrashLoopBackOff)',
    );
  });

  it('does not name a service twice when its message already does', () => {
    const state = observed({
      name: 'api',
      phase: 'failed',
      message: 'api: container keeps crashing (CrashLoopBackOff)',
    });
    expect(summarizeObserved(state)).toBe(
      '1 failed (api: container keeps crashing (CrashLoopBackOff))',
    );
  });

  it('says when there is nothing to observe', () => {
    expect(summarizeObserved(observed())).toBe('No services');
  });
});
