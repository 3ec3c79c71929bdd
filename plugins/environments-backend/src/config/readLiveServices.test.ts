import { ConfigReader } from '@backstage/config';
import { readReconcileSettings, readWakeConfig } from './readLiveServices';

const config = (environments: object) => new ConfigReader({ environments });

describe('readReconcileSettings', () => {
  it('observes every minute, a few at a time, by default', () => {
    expect(readReconcileSettings(config({}))).toEqual({
      frequencyMs: 30_000,
      intervalMs: 60_000,
      maxBackoffMs: 1_800_000,
      pageSize: 100,
      concurrency: 4,
    });
  });

  it('reads its settings and names a bad one', () => {
    expect(
      readReconcileSettings(
        config({ reconcile: { interval: '5m', concurrency: 8 } }),
      ),
    ).toMatchObject({ intervalMs: 300_000, concurrency: 8 });
    expect(() =>
      readReconcileSettings(config({ reconcile: { concurrency: 0 } })),
    ).toThrow('environments.reconcile.concurrency: must be a whole number');
    expect(() =>
      readReconcileSettings(config({ reconcile: { interval: 'soon' } })),
    ).toThrow(/environments.reconcile.interval/);
  });
});

describe('readWakeConfig', () => {
  it('is off until a user to act as is configured', () => {
    expect(readWakeConfig(config({}))).toMatchObject({
      enabled: false,
      modes: ['preview', 'development'],
    });
    expect(
      readWakeConfig(config({ wake: { actAs: 'wake-bot' } })),
    ).toMatchObject({ enabled: true, actAs: 'user:default/wake-bot' });
    expect(
      readWakeConfig(config({ wake: { actAs: 'wake-bot', enabled: false } })),
    ).toMatchObject({ enabled: false });
  });

  it('refuses production and unknown modes, naming the entry', () => {
    expect(() =>
      readWakeConfig(
        config({
          wake: { actAs: 'wake-bot', modes: ['preview', 'production'] },
        }),
      ),
    ).toThrow(
      'environments.wake.modes[1]: production environments never wake on traffic',
    );
    expect(() => readWakeConfig(config({ wake: { modes: ['qa'] } }))).toThrow(
      "environments.wake.modes[0]: 'qa' is not a mode",
    );
    expect(() =>
      readWakeConfig(config({ wake: { actAs: 'group:default/bots' } })),
    ).toThrow('Invalid environments.wake.actAs');
  });
});
