import type { Config } from '@backstage/config';
import {
  ENVIRONMENT_MODES,
  type EnvironmentMode,
  parseBotUserRef,
  WAKE_BOT_CONFIG_KEY,
} from '@greenroom/plugin-environments-common';
import type { ReconcileSettings } from '../observations/ReconcileLoop';
import type { WakeServiceSettings } from '../wake/WakeService';
import { readDurationMs, readWholeNumber } from './readers';

/** Waking on traffic (`environments.wake`): off unless a user to act as is set. */
export interface WakeConfig extends WakeServiceSettings {
  /** The user starts are made as (a policy can restrict it); unset: waking is off. */
  actAs?: string;
}

/** `environments.reconcile`: how running environments are observed. */
export function readReconcileSettings(config: Config): ReconcileSettings {
  const key = (name: string) => `environments.reconcile.${name}`;
  return {
    frequencyMs: readDurationMs(config, key('frequency'), '30s'),
    intervalMs: readDurationMs(config, key('interval'), '1m'),
    maxBackoffMs: readDurationMs(config, key('maxBackoff'), '30m'),
    pageSize: readWholeNumber(config, key('pageSize'), 100, {
      min: 1,
      max: 1000,
    }),
    concurrency: readWholeNumber(config, key('concurrency'), 4, {
      min: 1,
      max: 64,
    }),
  };
}

/**
 * `environments.wake`. Waking starts environments as `actAs`, never with the
 * plugin's own credentials, so it is off until that user is configured;
 * production never wakes, whatever `modes` says.
 */
export function readWakeConfig(config: Config): WakeConfig {
  const raw = config.getOptionalString(WAKE_BOT_CONFIG_KEY);
  const actAs = raw?.trim()
    ? parseBotUserRef(raw, WAKE_BOT_CONFIG_KEY)
    : undefined;
  const modes = (config.getOptionalStringArray('environments.wake.modes') ?? [
    'preview',
    'development',
  ]) as EnvironmentMode[];
  modes.forEach((mode, index) => {
    if (!ENVIRONMENT_MODES.includes(mode)) {
      throw new Error(
        `environments.wake.modes[${index}]: '${mode}' is not a mode (${ENVIRONMENT_MODES.join(
          ', ',
        )})`,
      );
    }
    if (mode === 'production') {
      throw new Error(
        `environments.wake.modes[${index}]: production environments never wake on traffic`,
      );
    }
  });
  const enabled =
    config.getOptionalBoolean('environments.wake.enabled') ?? true;
  return {
    enabled: enabled && actAs !== undefined,
    ...(actAs && { actAs }),
    modes,
    startsPerClientPerHour: readWholeNumber(
      config,
      'environments.wake.startsPerClientPerHour',
      20,
      { min: 1 },
    ),
    startWindowMs: readDurationMs(
      config,
      'environments.wake.startWindow',
      '1m',
    ),
  };
}
