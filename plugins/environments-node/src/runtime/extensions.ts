import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { EnvironmentRuntime } from './types';

/**
 * Lets backend modules add runtimes (Kubernetes, AWS RDS, …) to the
 * environments plugin.
 *
 * @public
 */
export interface EnvironmentsRuntimeExtensionPoint {
  /** Adds runtimes; a second runtime for the same `type` is an error. */
  addRuntime(...runtimes: EnvironmentRuntime[]): void;
}

/** @public */
export const environmentsRuntimeExtensionPoint =
  createExtensionPoint<EnvironmentsRuntimeExtensionPoint>({
    id: 'environments.runtimes',
  });
