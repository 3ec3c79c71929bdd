import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  environmentsRuntimeExtensionPoint,
  type EnvironmentRuntime,
  type ObservedState,
  type ResolvedEnvironment,
} from '@greenroom/plugin-environments-node';

/** The namespace the stand-in cluster puts an environment in. */
export function namespaceOf(environmentName: string): string {
  return `gr-${environmentName}`;
}

/**
 * What a Kubernetes cluster would report of an environment: every service
 * running with the resources its spec requests, and the namespace annotation
 * the kubernetes runtime gives the environment's catalog entity (which the
 * cost rollup matches with the cluster's allocation).
 */
function observed({ environment }: ResolvedEnvironment): ObservedState {
  return {
    observedAt: new Date().toISOString(),
    services: environment.services.map(service => ({
      name: service.name,
      phase: 'running',
      urls: [],
    })),
    drift: [],
    entityAnnotations: {
      'backstage.io/kubernetes-namespace': namespaceOf(environment.name),
    },
  };
}

/**
 * A `kubernetes` runtime without a cluster, for tests of what the portal shows
 * of Kubernetes environments: it deploys nothing and observes what it was told.
 */
const standInCluster: EnvironmentRuntime = {
  type: 'kubernetes',
  simulated: true,
  plan: async () => ({ runtime: 'kubernetes', changes: [] }),
  apply: async env => observed(env),
  stop: async () => {},
  start: async env => observed(env),
  destroy: async () => {},
  observe: async env => observed(env),
  listManaged: async () => [],
};

/** Adds the stand-in `kubernetes` runtime to the environments backend plugin. */
export const clusterRuntimeModule = createBackendModule({
  pluginId: 'environments',
  moduleId: 'test-kubernetes-runtime',
  register(reg) {
    reg.registerInit({
      deps: { runtimes: environmentsRuntimeExtensionPoint },
      async init({ runtimes }) {
        runtimes.addRuntime(standInCluster);
      },
    });
  },
});
