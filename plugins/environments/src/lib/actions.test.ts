import { lifecycleBlockers } from './actions';

describe('lifecycleBlockers', () => {
  it('allows stopping a running environment, not starting it', () => {
    expect(
      lifecycleBlockers({ status: 'running', desiredState: 'running' }),
    ).toEqual({
      stop: undefined,
      start: 'The environment is already running',
      destroy: undefined,
    });
  });

  it('allows starting a stopped environment, not stopping it', () => {
    expect(
      lifecycleBlockers({ status: 'stopped', desiredState: 'stopped' }),
    ).toEqual({
      stop: 'The environment is already stopped',
      start: undefined,
      destroy: undefined,
    });
    expect(
      lifecycleBlockers({ status: 'stopping', desiredState: 'stopped' }).stop,
    ).toBe('The environment is already stopping');
  });

  it('explains why a starting or new environment cannot be started', () => {
    expect(
      lifecycleBlockers({ status: 'provisioning', desiredState: 'running' })
        .start,
    ).toBe('The environment is still being created');
    expect(
      lifecycleBlockers({ status: 'starting', desiredState: 'running' }).start,
    ).toBe('The environment is already starting');
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
      'The environment is being destroyed',
      'The environment is being destroyed',
      'The environment is being destroyed',
    ]);
    expect(
      lifecycleBlockers({ status: 'deleted', desiredState: 'deleted' }).destroy,
    ).toBe('The environment was destroyed');
  });
});
