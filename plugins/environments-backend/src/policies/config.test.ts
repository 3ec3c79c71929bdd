import { ConfigReader } from '@backstage/config';
import { readEnvironmentsConfig } from '../config';

const base = { secretsKey: 'test-secrets-key-that-is-long-enough' };

describe('policy sweep config', () => {
  it('defaults to a sweep every minute, warnings 15 min and 24 h ahead, activity polls every 5 min', () => {
    const config = readEnvironmentsConfig(
      new ConfigReader({ environments: base }),
    );
    expect(config.policySweep).toEqual({
      frequencyMs: 60_000,
      idleWarningLeadMs: 15 * 60_000,
      expiryWarningMs: 24 * 60 * 60_000,
      activityPollMs: 5 * 60_000,
    });
    expect(config.policyDefaults.development.idleAfter).toBe('2h');
  });

  it('reads durations next to the per-mode policies', () => {
    const config = readEnvironmentsConfig(
      new ConfigReader({
        environments: {
          ...base,
          policies: {
            sweepFrequency: '30s',
            idleWarningLead: '30m',
            expiryWarning: '2d',
            staging: { idleAfter: '4h' },
          },
          activity: { pollFrequency: '1m' },
        },
      }),
    );
    expect(config.policySweep).toEqual({
      frequencyMs: 30_000,
      idleWarningLeadMs: 30 * 60_000,
      expiryWarningMs: 2 * 24 * 60 * 60_000,
      activityPollMs: 60_000,
    });
    expect(config.policyDefaults.staging.idleAfter).toBe('4h');
  });

  it('names the key of a duration it cannot read', () => {
    expect(() =>
      readEnvironmentsConfig(
        new ConfigReader({
          environments: { ...base, policies: { sweepFrequency: '1.5m' } },
        }),
      ),
    ).toThrow(/^environments\.policies\.sweepFrequency: Invalid duration/);
  });
});
