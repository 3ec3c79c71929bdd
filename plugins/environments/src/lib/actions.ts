import type { ApiEnvironment } from '../api';
import { errorMessage, errorStatus } from './errors';

/** The lifecycle actions of the environment page. */
export type LifecycleAction = 'stop' | 'start' | 'destroy';

/**
 * Why an action makes no sense in the environment's current state; the page
 * words each one (`environmentActions.blockers.*` of the translation ref).
 */
export type LifecycleBlocker =
  | 'destroyed'
  | 'destroying'
  | 'alreadyStopped'
  | 'alreadyStopping'
  | 'alreadyRunning'
  | 'stillProvisioning'
  | 'alreadyStarting';

/**
 * Why each action makes no sense in the environment's current state, or
 * undefined when it can be taken. Permissions are checked separately.
 */
export function lifecycleBlockers(
  environment: Pick<ApiEnvironment, 'status' | 'desiredState'>,
): Record<LifecycleAction, LifecycleBlocker | undefined> {
  const { status, desiredState } = environment;
  if (status === 'deleted') {
    const reason = 'destroyed';
    return { stop: reason, start: reason, destroy: reason };
  }
  if (desiredState === 'deleted' || status === 'deleting') {
    const reason = 'destroying';
    return { stop: reason, start: reason, destroy: reason };
  }

  let stop: LifecycleBlocker | undefined;
  if (desiredState === 'stopped') {
    stop = status === 'stopped' ? 'alreadyStopped' : 'alreadyStopping';
  }

  let start: LifecycleBlocker | undefined;
  if (desiredState === 'running') {
    switch (status) {
      case 'running':
        start = 'alreadyRunning';
        break;
      case 'provisioning':
        start = 'stillProvisioning';
        break;
      case 'starting':
        start = 'alreadyStarting';
        break;
      default:
        // stopped, stopping, degraded or failed: starting again is a retry.
        break;
    }
  }

  return { stop, start, destroy: undefined };
}

/**
 * Why the backend refused to stop or destroy an environment that others share
 * (a 409 about `force`), without the field's name; undefined for any other
 * error. Repeating the request with force goes ahead.
 */
export function sharedBaseConflict(error: unknown): string | undefined {
  if (errorStatus(error) !== 409) {
    return undefined;
  }
  return /^force: (.+)$/s.exec(errorMessage(error))?.[1];
}
