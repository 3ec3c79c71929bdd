import type { BackendPluginRegistrationPoints } from '@backstage/backend-plugin-api';
import {
  ActivitySource,
  EnvironmentRuntime,
  ManagedDatabaseProvider,
  PriceSource,
  environmentsActivityExtensionPoint,
  environmentsManagedDatabaseExtensionPoint,
  environmentsPricingExtensionPoint,
  environmentsRuntimeExtensionPoint,
} from '@greenroom/plugin-environments-node';

/** What backend modules add to the plugin through its extension points. */
export class EnvironmentsExtensions {
  readonly runtimes: EnvironmentRuntime[] = [];
  readonly activitySources: ActivitySource[] = [];
  #priceSource?: PriceSource;
  #managedDatabaseProvider?: ManagedDatabaseProvider;

  get priceSource(): PriceSource | undefined {
    return this.#priceSource;
  }

  get managedDatabaseProvider(): ManagedDatabaseProvider | undefined {
    return this.#managedDatabaseProvider;
  }

  register(env: BackendPluginRegistrationPoints): void {
    env.registerExtensionPoint(environmentsRuntimeExtensionPoint, {
      addRuntime: (...runtimes) => {
        this.runtimes.push(...runtimes);
      },
    });
    env.registerExtensionPoint(environmentsActivityExtensionPoint, {
      addActivitySource: (...sources) => {
        this.activitySources.push(...sources);
      },
    });
    env.registerExtensionPoint(environmentsPricingExtensionPoint, {
      setPriceSource: source => {
        if (this.#priceSource) {
          throw new Error(
            'A price source is already set; install only one module that sets prices',
          );
        }
        this.#priceSource = source;
      },
    });
    env.registerExtensionPoint(environmentsManagedDatabaseExtensionPoint, {
      setManagedDatabaseProvider: provider => {
        if (this.#managedDatabaseProvider) {
          throw new Error(
            `A managed database provider ('${
              this.#managedDatabaseProvider.type
            }') is already set; install only one module for managed databases`,
          );
        }
        this.#managedDatabaseProvider = provider;
      },
    });
  }
}
