import type { ApiEnvironment } from '../api';

/** The lifecycle actions of the environment page. */
export type LifecycleAction = 'stop' | 'start' | 'destroy';

/**
 * Why each action makes no sense in the environment's current state, or
 * undefined when it can be taken. Permissions are checked separately.
 */
export function lifecycleBlockers(
  environment: Pick<ApiEnvironment, 'status' | 'desiredState'>,
): Record<LifecycleAction, string | undefined> {
  const { status, desiredState } = environment;
  if (status === 'deleted') {
    const reason = 'The environment was destroyed';
    return { stop: reason, start: reason, destroy: reason };
  }
  if (desiredState === 'deleted' || status === 'deleting') {
    const reason = 'The environment is being destroyed';
    return { stop: reason, start: reason, destroy: reason };
  }

  let stop: string | undefined;
  if (desiredState === 'stopped') {
    stop =
      status === 'stopped'
        ? 'The environment is already stopped'
        : 'The environment is already stopping';
  }

  let start: string | undefined;
  if (desiredState === 'running') {
    switch (status) {
      case 'running':
        start = 'The environment is already running';
        break;
      case 'provisioning':
        start = 'The environment is still being created';
        break;
      case 'starting':
        start = 'The environment is already starting';
        break;
      default:
        // stopped, stopping, degraded or failed: starting again is a retry.
        break;
    }
  }

  return { stop, start, destroy: undefined };
}
