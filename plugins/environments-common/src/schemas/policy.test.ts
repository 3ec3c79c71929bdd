import { formatZodError } from '../zodErrors';
import { policyInputSchema, policySchema } from './policy';

describe('policySchema', () => {
  it('defaults priority to 50', () => {
    expect(policySchema.parse({})).toEqual({ priority: 50 });
  });

  it('accepts a complete policy and keeps durations as text', () => {
    const policy = {
      idleAfter: '2h',
      schedule: { timezone: 'Europe/Paris', active: 'Mon-Fri 08:00-20:00' },
      ttl: '1w1d',
      priority: 80,
    };
    expect(policySchema.parse(policy)).toEqual(policy);
  });

  it.each([
    [{ idleAfter: '2x' }, 'idleAfter: Invalid duration "2x": unknown unit "x"'],
    [{ ttl: '1.5h' }, 'ttl: Invalid duration "1.5h": use whole numbers'],
    [{ ttl: '30s' }, 'ttl: must be at least 1m'],
    [{ ttl: '0m' }, 'ttl: must be at least 1m'],
    [{ ttl: '-3d' }, 'ttl: Invalid duration "-3d": negative'],
    [
      { ttl: '14290000w' },
      'ttl: Invalid duration "14290000w": it is too large',
    ],
    [{ idleAfter: '' }, 'idleAfter: Invalid duration "": it is empty'],
    [{ priority: 101 }, 'priority: must be between 0 and 100'],
    [{ priority: -1 }, 'priority: must be between 0 and 100'],
    [{ priority: '50' }, 'priority: must be a number between 0 and 100'],
    [
      { schedule: { timezone: 'Mars/Olympus', active: 'Mon-Fri 08:00-20:00' } },
      'schedule.timezone: must be an IANA time zone',
    ],
    [
      { schedule: { timezone: 'UTC', active: 'weekdays 8-20' } },
      'schedule.active: Invalid active hours',
    ],
    [
      { schedule: { active: 'Mon-Fri 08:00-20:00' } },
      'schedule.timezone: is required',
    ],
  ])('rejects %j', (policy, message) => {
    const result = policySchema.safeParse(policy);
    expect(result.success).toBe(false);
    expect(formatZodError(result.error!)).toContain(message);
  });
});

describe('policyInputSchema', () => {
  it('leaves out what the user left out (the mode default applies)', () => {
    expect(policyInputSchema.parse({ ttl: '3d' })).toEqual({ ttl: '3d' });
  });

  it('rejects typos', () => {
    const result = policyInputSchema.safeParse({ idle: '2h' });
    expect(formatZodError(result.error!)).toBe('idle: unknown field');
  });
});
