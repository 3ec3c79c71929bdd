import { lifecycleBlockers } from './actions';

describe('lifecycleBlockers', () => {
  it('allows stopping a running environment, not starting it', () => {
    expect(
      lifecycleBlockers({ status: 'running', desiredState: 'running' }),
    ).toEqual({
      stop: undefined,
      start: 'alreadyRunning',
      destroy: undefined,
    });
  });

  it('allows starting a stopped environment, not stopping it', () => {
    expect(
      lifecycleBlockers({ status: 'stopped', desiredState: 'stopped' }),
    ).toEqual({
      stop: 'alreadyStopped',
      start: undefined,
      destroy: undefined,
    });
    expect(
      lifecycleBlockers({ status: 'stopping', desiredState: 'stopped' }).stop,
    ).toBe('alreadyStopping');
  });

  it('explains why a starting or new environment cannot be started', () => {
    expect(
      lifecycleBlockers({ status: 'provisioning', desiredState: 'running' })
        .start,
    ).toBe('stillProvisioning');
    expect(
      lifecycleBlockers({ status: 'starting', desiredState: 'running' }).start,
    ).toBe('alreadyStarting');
  });

  it('lets a failed or degraded environment be started again', () => {
    for (const status of ['failed', 'degraded'] as const) {
      expect(
        lifecycleBlockers({ status, desiredState: 'running' }).start,
      ).toBeUndefined();
    }
  });

  it('blocks everything while and after an environment is destroyed', () => {
    const destroying = lifecycleBlockers({
      status: 'running',
      desiredState: 'deleted',
    });
    expect(Object.values(destroying)).toEqual([
      'destroying',
      'destroying',
      'destroying',
    ]);
    expect(
      lifecycleBlockers({ status: 'deleted', desiredState: 'deleted' }).destroy,
    ).toBe('destroyed');
  });
});
