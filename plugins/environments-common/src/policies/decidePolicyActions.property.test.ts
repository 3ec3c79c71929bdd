import fc from 'fast-check';
import {
  ENVIRONMENT_MODES,
  ENVIRONMENT_STATUSES,
  DESIRED_STATES,
} from '../constants';
import {
  PolicySubject,
  PolicyTime,
  decideEnvironmentPolicy,
  policyReadsLastLifecycle,
} from './decidePolicyActions';

const MIN = Date.UTC(2020, 0, 1);
const MAX = Date.UTC(2035, 0, 1);
const MINUTE = 60 * 1000;

const time = fc
  .integer({ min: MIN, max: MAX })
  .map(ms => new Date(ms).toISOString());
const optional = <T>(arb: fc.Arbitrary<T>) =>
  fc.option(arb, { nil: undefined });

const duration = fc.oneof(
  fc.constantFrom('0m', '1m', '15m', '2h', '1h30m', '3d', '1w', 'nonsense', ''),
  fc.string(),
);
const schedule = fc.record({
  timezone: fc.constantFrom(
    'Europe/Berlin',
    'UTC',
    'America/New_York',
    'Asia/Kathmandu',
    'Nowhere/Else',
  ),
  active: fc.constantFrom(
    'Mon-Fri 08:00-20:00',
    '00:00-24:00',
    'Sat-Sun 22:00-06:00',
    'Mon 00:00-00:01',
    'garbage',
  ),
});

const subject = (
  mode: fc.Arbitrary<PolicySubject['mode']>,
): fc.Arbitrary<PolicySubject> =>
  fc.record({
    name: fc.constant('env'),
    mode,
    status: fc.constantFrom(...ENVIRONMENT_STATUSES),
    desiredState: fc.constantFrom(...DESIRED_STATES),
    policy: fc.record(
      {
        idleAfter: duration,
        schedule,
        ttl: duration,
      },
      { requiredKeys: [] },
    ),
    expiresAt: optional(time),
    lastActivityAt: time,
    busy: optional(fc.boolean()),
    stoppedBy: optional(
      fc.constantFrom('schedule', 'idle', 'other') as fc.Arbitrary<
        'schedule' | 'idle' | 'other'
      >,
    ),
    manuallyStartedAt: optional(time),
    idleWarningSentAt: optional(time),
    expiryWarningSentAt: optional(time),
  });

const options = fc.record({
  now: fc.integer({ min: MIN, max: MAX }).map(ms => new Date(ms)),
  idleWarningLeadMs: optional(fc.integer({ min: 0, max: 24 * 60 * MINUTE })),
  expiryWarningMs: optional(fc.integer({ min: 0, max: 7 * 24 * 60 * MINUTE })),
  minimumExpiryNoticeMs: optional(
    fc.integer({ min: 0, max: 24 * 60 * MINUTE }),
  ),
  defaults: optional(
    fc.record({ production: fc.record({ idleAfter: duration }) }),
  ),
});

describe('decideEnvironmentPolicy properties', () => {
  it('never stops or expires a production environment, whatever its policy and clock', () => {
    fc.assert(
      fc.property(subject(fc.constant('production')), options, (env, opts) => {
        const actions = decideEnvironmentPolicy(env, opts);
        expect(
          actions.filter(a => a.type === 'stop' || a.type === 'expire'),
        ).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('would stop and expire the same generated environments were they not production', () => {
    // Shows the property above is not vacuous: the generators reach both.
    const seen = new Set<string>();
    for (const [env, opts] of fc.sample(
      fc.tuple(subject(fc.constant('development')), options),
      { numRuns: 3000, seed: 42 },
    )) {
      decideEnvironmentPolicy(env, opts).forEach(a => seen.add(a.type));
    }
    expect([...seen].sort()).toEqual(
      expect.arrayContaining(['expire', 'stop']),
    );
  });

  it('never acts on an environment that is busy, being deleted or failed', () => {
    fc.assert(
      fc.property(
        subject(fc.constantFrom(...ENVIRONMENT_MODES)),
        options,
        fc.constantFrom(
          'busy',
          'deleting',
          'deleted',
          'failed',
          'desired-deleted',
        ),
        (env, opts, why) => {
          const left: Record<typeof why, PolicySubject> = {
            busy: { ...env, busy: true },
            'desired-deleted': { ...env, desiredState: 'deleted' },
            deleting: { ...env, status: 'deleting' },
            deleted: { ...env, status: 'deleted' },
            failed: { ...env, status: 'failed' },
          };
          expect(decideEnvironmentPolicy(left[why], opts)).toEqual([]);
        },
      ),
    );
  });

  it('stops for idleness or deletes only after the owner was warned', () => {
    expect(() =>
      fc.assert(
        fc.property(
          subject(fc.constantFrom(...ENVIRONMENT_MODES)),
          options,
          (env, opts) => {
            const now = opts.now.getTime();
            const warnedBefore = (sentAt: PolicyTime | undefined) =>
              sentAt !== undefined && new Date(sentAt).getTime() <= now;
            return decideEnvironmentPolicy(env, opts).every(action => {
              if (action.type === 'stop' && action.reason === 'idle') {
                return warnedBefore(env.idleWarningSentAt);
              }
              if (action.type === 'expire') {
                return warnedBefore(env.expiryWarningSentAt);
              }
              return true;
            });
          },
        ),
        { numRuns: 1000 },
      ),
    ).not.toThrow();
  });

  it('decides the same on epoch milliseconds as on their ISO strings', () => {
    const epoch = (iso: PolicyTime | undefined) =>
      iso === undefined ? undefined : Date.parse(String(iso));
    fc.assert(
      fc.property(
        subject(fc.constantFrom(...ENVIRONMENT_MODES)),
        options,
        (env, opts) => {
          const inMs: PolicySubject = {
            ...env,
            expiresAt: epoch(env.expiresAt),
            lastActivityAt: epoch(env.lastActivityAt)!,
            manuallyStartedAt: epoch(env.manuallyStartedAt),
            idleWarningSentAt: epoch(env.idleWarningSentAt),
            expiryWarningSentAt: epoch(env.expiryWarningSentAt),
          };
          expect(decideEnvironmentPolicy(inMs, opts)).toEqual(
            decideEnvironmentPolicy(env, opts),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('ignores the last lifecycle operation unless policyReadsLastLifecycle says so', () => {
    fc.assert(
      fc.property(
        subject(fc.constantFrom(...ENVIRONMENT_MODES)),
        options,
        (env, opts) => {
          fc.pre(!policyReadsLastLifecycle(env));
          expect(
            decideEnvironmentPolicy(
              { ...env, stoppedBy: undefined, manuallyStartedAt: undefined },
              opts,
            ),
          ).toEqual(decideEnvironmentPolicy(env, opts));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads the last lifecycle operation of scheduled environments', () => {
    // Shows the property above is not vacuous: with a schedule it matters.
    const differs = fc
      .sample(fc.tuple(subject(fc.constant('development')), options), {
        numRuns: 3000,
        seed: 7,
      })
      .some(
        ([env, opts]) =>
          policyReadsLastLifecycle(env) &&
          JSON.stringify(decideEnvironmentPolicy(env, opts)) !==
            JSON.stringify(
              decideEnvironmentPolicy(
                { ...env, stoppedBy: undefined, manuallyStartedAt: undefined },
                opts,
              ),
            ),
      );
    expect(differs).toBe(true);
  });
});
