import {
  PolicySubject,
  decideEnvironmentPolicy,
  decidePolicyActions,
  isPolicyActionAllowed,
} from './decidePolicyActions';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
// Monday 23 November 2026, 12:00 UTC = 13:00 in Berlin (CET, no DST change near).
const NOON = new Date('2026-11-23T12:00:00.000Z');
const at = (offsetMs: number) => new Date(NOON.getTime() + offsetMs);
const iso = (offsetMs: number) => at(offsetMs).toISOString();

const BERLIN_OFFICE = {
  timezone: 'Europe/Berlin',
  active: 'Mon-Fri 08:00-20:00',
};

function env(extra: Partial<PolicySubject> = {}): PolicySubject {
  return {
    name: 'dev-ada',
    mode: 'development',
    status: 'running',
    desiredState: 'running',
    policy: { idleAfter: '2h' },
    lastActivityAt: iso(0),
    ...extra,
  };
}

const decide = (subject: PolicySubject, now: Date) =>
  decideEnvironmentPolicy(subject, { now });

describe('idle stop', () => {
  it('does nothing before the warning lead', () => {
    expect(decide(env(), at(2 * HOUR - 16 * MINUTE))).toEqual([]);
  });

  it('warns 15 minutes before the idle stop', () => {
    expect(decide(env(), at(2 * HOUR - 15 * MINUTE))).toEqual([
      { type: 'warn-idle-stop', idleSince: iso(0), stopAt: iso(2 * HOUR) },
    ]);
  });

  it('stops once idle for idleAfter after the warning went out', () => {
    const warned = env({ idleWarningSentAt: iso(2 * HOUR - 15 * MINUTE) });
    expect(decide(warned, at(2 * HOUR - MINUTE))).toEqual([]);
    expect(decide(warned, at(2 * HOUR))).toEqual([
      { type: 'stop', reason: 'idle', idleSince: iso(0), idleAfter: '2h' },
    ]);
  });

  it('never stops without a warning first, and leaves the lead after a late one', () => {
    // The sweep did not run in the lead window: warn now, stop a lead later.
    expect(decide(env(), at(5 * HOUR))).toEqual([
      {
        type: 'warn-idle-stop',
        idleSince: iso(0),
        stopAt: iso(5 * HOUR + 15 * MINUTE),
      },
    ]);
    const lateWarning = env({ idleWarningSentAt: iso(5 * HOUR) });
    expect(decide(lateWarning, at(5 * HOUR + 14 * MINUTE))).toEqual([]);
    expect(decide(lateWarning, at(5 * HOUR + 15 * MINUTE))).toMatchObject([
      { type: 'stop', reason: 'idle' },
    ]);
  });

  it('uses the mode default, then 2h, when the policy has no idleAfter', () => {
    const noIdle = env({ policy: {} });
    expect(decide(noIdle, at(2 * HOUR - 15 * MINUTE))).toMatchObject([
      { type: 'warn-idle-stop' },
    ]);
    expect(
      decideEnvironmentPolicy(noIdle, {
        now: at(2 * HOUR - 15 * MINUTE),
        defaults: { development: { idleAfter: '4h' } },
      }),
    ).toEqual([]);
  });

  it('keeps the warning lead under half of a short timeout', () => {
    const short = env({ policy: { idleAfter: '10m' } });
    expect(decide(short, at(4 * MINUTE))).toEqual([]);
    expect(decide(short, at(5 * MINUTE))).toMatchObject([
      { type: 'warn-idle-stop', stopAt: iso(10 * MINUTE) },
    ]);
  });

  it('treats idleAfter 0m as no idle stop', () => {
    expect(decide(env({ policy: { idleAfter: '0m' } }), at(48 * HOUR))).toEqual(
      [],
    );
  });

  it('ignores stopped environments', () => {
    expect(
      decide(env({ status: 'stopped', desiredState: 'stopped' }), at(9 * HOUR)),
    ).toEqual([]);
  });
});

describe('environments left alone', () => {
  const dueForEverything = {
    policy: { idleAfter: '1h', ttl: '1d', schedule: BERLIN_OFFICE },
    lastActivityAt: iso(-10 * HOUR),
    expiresAt: iso(-HOUR),
    idleWarningSentAt: iso(-5 * HOUR),
    expiryWarningSentAt: iso(-5 * HOUR),
  };

  it.each([
    'deleting',
    'deleted',
    'failed',
    'provisioning',
    'stopping',
    'starting',
  ] as const)('status %s', status => {
    expect(decide(env({ ...dueForEverything, status }), NOON)).toEqual([]);
  });

  it('desired state deleted', () => {
    expect(
      decide(env({ ...dueForEverything, desiredState: 'deleted' }), NOON),
    ).toEqual([]);
  });

  it('an operation queued or running', () => {
    expect(decide(env({ ...dueForEverything, busy: true }), NOON)).toEqual([]);
  });

  it('production, even idle, expired and outside its hours', () => {
    const production = env({ ...dueForEverything, mode: 'production' });
    expect(decide(production, NOON)).toEqual([]);
    expect(decide(production, new Date('2026-11-23T22:00:00Z'))).toEqual([]);
    expect(isPolicyActionAllowed('production', { type: 'stop' })).toBe(false);
    expect(isPolicyActionAllowed('production', { type: 'expire' })).toBe(false);
    expect(isPolicyActionAllowed('staging', { type: 'expire' })).toBe(true);
  });
});

describe('schedule', () => {
  const scheduled = (extra: Partial<PolicySubject> = {}) =>
    env({ policy: { idleAfter: '2h', schedule: BERLIN_OFFICE }, ...extra });

  it('stops outside active hours in the schedule time zone', () => {
    // 19:30 UTC is 20:30 in Berlin: outside. 18:30 UTC is 19:30: inside.
    const evening = new Date('2026-11-23T19:30:00Z');
    expect(
      decide(scheduled({ lastActivityAt: evening.toISOString() }), evening),
    ).toEqual([{ type: 'stop', reason: 'schedule' }]);
    const inside = new Date('2026-11-23T18:30:00Z');
    expect(
      decide(scheduled({ lastActivityAt: inside.toISOString() }), inside),
    ).toEqual([]);
  });

  it('starts inside active hours what the schedule stopped', () => {
    const morning = new Date('2026-11-24T07:00:00Z'); // 08:00 in Berlin
    const stopped = { status: 'stopped', desiredState: 'stopped' } as const;
    expect(
      decide(scheduled({ ...stopped, stoppedBy: 'schedule' }), morning),
    ).toEqual([{ type: 'start', reason: 'schedule' }]);
    expect(
      decide(
        scheduled({ ...stopped, stoppedBy: 'schedule' }),
        new Date('2026-11-24T06:59:00Z'),
      ),
    ).toEqual([]);
  });

  it('does not start what a user or the idle timeout stopped', () => {
    const morning = new Date('2026-11-24T09:00:00Z');
    for (const stoppedBy of ['other', 'idle', undefined] as const) {
      expect(
        decide(
          scheduled({ status: 'stopped', desiredState: 'stopped', stoppedBy }),
          morning,
        ),
      ).toEqual([]);
    }
  });

  it('stops at the end of active hours what a user started inside them', () => {
    const evening = new Date('2026-11-23T19:30:00Z');
    expect(
      decide(
        scheduled({
          lastActivityAt: evening.toISOString(),
          manuallyStartedAt: '2026-11-23T18:45:00.000Z',
        }),
        evening,
      ),
    ).toEqual([{ type: 'stop', reason: 'schedule' }]);
  });

  it('leaves a start by hand outside hours running for 2h', () => {
    const night = new Date('2026-11-23T22:00:00Z');
    const startedByHand = scheduled({
      lastActivityAt: night.toISOString(),
      manuallyStartedAt: new Date('2026-11-23T21:00:00Z').toISOString(),
    });
    expect(decide(startedByHand, night)).toEqual([]);
    expect(
      decide(
        { ...startedByHand, lastActivityAt: '2026-11-23T23:00:00.000Z' },
        new Date('2026-11-23T23:00:00Z'),
      ),
    ).toEqual([{ type: 'stop', reason: 'schedule' }]);
  });

  it('ignores a schedule it cannot read', () => {
    const broken = env({
      policy: { schedule: { timezone: 'Mars/Olympus', active: 'whenever' } },
    });
    expect(decide(broken, NOON)).toEqual([]);
  });
});

describe('TTL', () => {
  it('warns 24h before expiry, once', () => {
    const expiring = env({ expiresAt: iso(24 * HOUR) });
    expect(decide(expiring, at(-MINUTE))).toEqual([]);
    expect(decide(expiring, NOON)).toEqual([
      { type: 'warn-expiry', expiresAt: iso(24 * HOUR) },
    ]);
    expect(
      decide({ ...expiring, expiryWarningSentAt: iso(0) }, at(HOUR)),
    ).toEqual([]);
  });

  it('expires at expiresAt once warned, running or stopped', () => {
    const warned = {
      expiresAt: iso(24 * HOUR),
      expiryWarningSentAt: iso(0),
    };
    expect(decide(env(warned), at(24 * HOUR))).toEqual([
      { type: 'expire', expiresAt: iso(24 * HOUR) },
    ]);
    expect(
      decide(
        env({ ...warned, status: 'stopped', desiredState: 'stopped' }),
        at(30 * HOUR),
      ),
    ).toEqual([{ type: 'expire', expiresAt: iso(24 * HOUR) }]);
  });

  it('warns first and waits the minimum notice when expiry passed unwarned', () => {
    const expired = env({ expiresAt: iso(-HOUR) });
    expect(decide(expired, NOON)).toEqual([
      { type: 'warn-expiry', expiresAt: iso(-HOUR) },
    ]);
    const warnedLate = { ...expired, expiryWarningSentAt: iso(0) };
    expect(decide(warnedLate, at(59 * MINUTE))).toEqual([]);
    expect(decide(warnedLate, at(HOUR))).toMatchObject([{ type: 'expire' }]);
  });

  it('warns of expiry and of an idle stop in the same sweep', () => {
    const both = env({ expiresAt: iso(3 * HOUR) });
    expect(decide(both, at(2 * HOUR))).toEqual([
      { type: 'warn-expiry', expiresAt: iso(3 * HOUR) },
      {
        type: 'warn-idle-stop',
        idleSince: iso(0),
        stopAt: iso(2 * HOUR + 15 * MINUTE),
      },
    ]);
  });
});

describe('decidePolicyActions', () => {
  it('returns the actions of each environment by name', () => {
    expect(
      decidePolicyActions(
        [
          env({ name: 'a' }),
          env({ name: 'b', lastActivityAt: iso(2 * HOUR) }),
          env({ name: 'c', expiresAt: iso(HOUR) }),
        ],
        { now: at(2 * HOUR) },
      ),
    ).toEqual([
      {
        name: 'a',
        action: {
          type: 'warn-idle-stop',
          idleSince: iso(0),
          stopAt: iso(2 * HOUR + 15 * MINUTE),
        },
      },
      // Expired unwarned: only the warning, nothing else this sweep.
      { name: 'c', action: { type: 'warn-expiry', expiresAt: iso(HOUR) } },
    ]);
  });
});

describe('times in epoch milliseconds', () => {
  it('warns, stops and expires as with ISO strings', () => {
    const ms = (offsetMs: number) => at(offsetMs).getTime();
    expect(decide(env({ lastActivityAt: ms(0) }), at(2 * HOUR))).toEqual([
      {
        type: 'warn-idle-stop',
        idleSince: iso(0),
        stopAt: iso(2 * HOUR + 15 * MINUTE),
      },
    ]);
    expect(
      decide(
        env({ lastActivityAt: ms(0), idleWarningSentAt: ms(2 * HOUR) }),
        at(2 * HOUR + 15 * MINUTE),
      ),
    ).toEqual([
      { type: 'stop', reason: 'idle', idleSince: iso(0), idleAfter: '2h' },
    ]);
    expect(
      decide(
        env({ expiresAt: ms(0), expiryWarningSentAt: ms(-24 * HOUR) }),
        at(0),
      ),
    ).toEqual([{ type: 'expire', expiresAt: iso(0) }]);
  });
});
