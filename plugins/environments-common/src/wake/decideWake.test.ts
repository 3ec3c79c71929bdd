import { decideWake, type WakeSettings } from './decideWake';

const on: WakeSettings = { enabled: true, modes: ['preview', 'development'] };
const env = (overrides: Partial<Parameters<typeof decideWake>[0]> = {}) => ({
  name: 'pr-acme-shop-7',
  mode: 'preview' as const,
  status: 'stopped' as const,
  desiredState: 'stopped' as const,
  ...overrides,
});

describe('decideWake', () => {
  it('starts a stopped environment of a mode that wakes', () => {
    expect(decideWake(env(), on)).toEqual({ action: 'start' });
    expect(decideWake(env({ mode: 'development' }), on)).toEqual({
      action: 'start',
    });
  });

  it('forwards to a running service and waits for one on its way up', () => {
    expect(
      decideWake(env({ status: 'running', desiredState: 'running' }), on),
    ).toEqual({ action: 'forward' });
    expect(
      decideWake(env({ status: 'starting', desiredState: 'running' }), on),
    ).toEqual({ action: 'wait' });
    // a stop under way that was overtaken by a start: wait for it
    expect(
      decideWake(env({ status: 'stopping', desiredState: 'running' }), on),
    ).toEqual({ action: 'wait' });
  });

  it('never wakes production, whatever the settings', () => {
    const decision = decideWake(env({ mode: 'production' }), {
      enabled: true,
      modes: ['production', 'preview'],
    });
    expect(decision).toMatchObject({ action: 'refuse' });
    expect((decision as { reason: string }).reason).toMatch(/production/);
  });

  it('refuses when waking is off or the mode is not listed, saying so', () => {
    expect(decideWake(env(), { ...on, enabled: false })).toMatchObject({
      action: 'refuse',
      reason: expect.stringMatching(/off in this portal/),
    });
    expect(decideWake(env({ mode: 'staging' }), on)).toMatchObject({
      action: 'refuse',
      reason: expect.stringMatching(/staging environments do not wake/),
    });
  });

  it('refuses an environment being deleted', () => {
    expect(
      decideWake(env({ status: 'deleting', desiredState: 'deleted' }), on),
    ).toMatchObject({ action: 'refuse' });
  });
});
