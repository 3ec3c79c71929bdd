import type { ObservedState } from '@greenroom/plugin-environments-node';
import { redactSecrets } from '../engine/redact';
import {
  type DatabaseCredentialSource,
  resolveEnvironment,
  secretValuesOf,
} from '../engine/resolveEnvironment';
import { withManagedDatabases } from '../engine/observedState';
import type { ManagedDatabases } from '../managedDatabases/ManagedDatabases';
import type { RuntimeRegistry } from '../runtimes/RuntimeRegistry';
import type { EnvironmentsStore, StoredEnvironment } from '../storage/types';

export interface EnvironmentObserverOptions {
  store: Pick<EnvironmentsStore, 'getSecretValues' | 'getEnvironmentById'>;
  runtimes: RuntimeRegistry;
  databases?: ManagedDatabases;
  credentials?: DatabaseCredentialSource;
}

/**
 * Asks an environment's runtime, and the managed-database provider for its
 * managed databases, what actually runs. Used outside operations by the
 * reconcile loop; it changes nothing in the runtime.
 */
export class EnvironmentObserver {
  readonly #options: EnvironmentObserverOptions;

  constructor(options: EnvironmentObserverOptions) {
    this.#options = options;
  }

  async observe(environment: StoredEnvironment): Promise<ObservedState> {
    const { store, runtimes, databases, credentials } = this.#options;
    const runtime = runtimes.get(environment.runtime.type);
    const resolved = await resolveEnvironment(store, environment, credentials);
    let observed: ObservedState;
    try {
      observed = await runtime.observe(resolved);
    } catch (error) {
      // Its message is stored and served: never with a value the runtime echoed.
      throw new Error(
        redactSecrets(
          (error as Error)?.message ?? String(error),
          secretValuesOf(resolved.variables),
        ),
      );
    }
    // A simulated runtime simulates its managed databases too.
    if (runtime.simulated || !databases) return observed;
    return withManagedDatabases(observed, await databases.observe(environment));
  }
}
