import type {
  DesiredState,
  EnvironmentMode,
  EnvironmentStatus,
} from '../constants';

/** When a visit to a stopped environment's URL may start it (`environments.wake`). @public */
export interface WakeSettings {
  /** Off by default: a public URL then only says the environment is stopped. */
  enabled: boolean;
  /** Modes whose environments wake on traffic; production never does. */
  modes: EnvironmentMode[];
}

/**
 * What the waking page does for a visit:
 * - `forward`: the service runs; send the visitor to it;
 * - `start`: the environment sleeps and may wake; start it and wait;
 * - `wait`: it is already on its way up (or busy); show progress;
 * - `refuse`: it may not wake on traffic; say why and who can start it.
 *
 * @public
 */
export type WakeDecision =
  | { action: 'forward' }
  | { action: 'start' }
  | { action: 'wait' }
  | { action: 'refuse'; reason: string };

/** Decides what a visit to an environment's public URL does. @public */
export function decideWake(
  environment: {
    name: string;
    mode: EnvironmentMode;
    status: EnvironmentStatus;
    desiredState: DesiredState;
  },
  settings: WakeSettings,
): WakeDecision {
  if (
    environment.desiredState === 'deleted' ||
    environment.status === 'deleting' ||
    environment.status === 'deleted'
  ) {
    return {
      action: 'refuse',
      reason: `Environment ${environment.name} is being deleted.`,
    };
  }
  if (environment.desiredState === 'running') {
    return environment.status === 'running' || environment.status === 'degraded'
      ? { action: 'forward' }
      : { action: 'wait' };
  }
  if (environment.mode === 'production') {
    return {
      action: 'refuse',
      reason: `Environment ${environment.name} is production: it never starts on traffic. Start it from the portal.`,
    };
  }
  if (!settings.enabled) {
    return {
      action: 'refuse',
      reason: `Environment ${environment.name} is stopped, and waking on traffic is off in this portal. Start it from the portal.`,
    };
  }
  if (!settings.modes.includes(environment.mode)) {
    return {
      action: 'refuse',
      reason: `Environment ${environment.name} is stopped; ${environment.mode} environments do not wake on traffic here. Start it from the portal.`,
    };
  }
  return { action: 'start' };
}
