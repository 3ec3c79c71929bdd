import {
  serviceHost,
  type Service,
} from '@greenroom/plugin-environments-common';
import {
  RuntimeError,
  secretDataHash,
  type ResolvedEnvironment,
} from '@greenroom/plugin-environments-node';
import {
  ENVIRONMENT_SECRET_NAME,
  configMap,
  secret,
  secretKeyOf,
} from './configuration';
import { DATABASE_PASSWORD_KEY, databaseContainer } from './databases';
import {
  SECRET_HASH_ANNOTATION,
  namespaceName,
  ownershipLabels,
  podSelector,
} from './labels';
import {
  clusterService,
  ingress,
  publicHosts,
  sharedServiceAlias,
} from './network';
import {
  TIER_OF_KIND,
  type KubeObject,
  type RenderOptions,
  type RenderedEnvironment,
  type RenderedObject,
  type RenderedService,
} from './types';
import { splitVariables } from './variables';
import {
  appContainer,
  databaseStatefulSet,
  deployment,
  job,
} from './workloads';

function imageOf(service: Service): string {
  if (!service.image) {
    throw new RuntimeError(
      `${service.name}: no image to run; set image.repository (and tag) of the service`,
      { transient: false, code: 'NoImage' },
    );
  }
  return `${service.image.repository}:${service.image.tag ?? 'latest'}`;
}

/**
 * Renders an environment into the Kubernetes objects that run it. Pure: the
 * same input gives the same objects, nothing is read or written. Secret values
 * go into Secret objects only.
 *
 * @throws RuntimeError (permanent) for a service that cannot be rendered.
 */
export function renderEnvironment(
  { environment, variables, secretHashKey, baseline }: ResolvedEnvironment,
  options: RenderOptions,
): RenderedEnvironment {
  // A keyed hash, never the values (nor a plain hash one could test guesses
  // against): without a key from the backend, no annotation.
  const secretHash = (data: Record<string, string>): Record<string, string> =>
    secretHashKey && Object.keys(data).length > 0
      ? { [SECRET_HASH_ANNOTATION]: secretDataHash(secretHashKey, data) }
      : {};
  const namespace = namespaceName(options.namespacePrefix, environment.name);
  const objects: RenderedObject[] = [];
  const services: RenderedService[] = [];
  const skipped: string[] = [];
  // Every service's secret values, in the environment's one Secret.
  const secretData: Record<string, string> = {};

  for (const service of environment.services) {
    const labels = ownershipLabels(
      environment,
      options.installationId,
      service.name,
    );
    const selector = podSelector(environment, service.name);
    const host = serviceHost(service.name, environment.name);
    const add = (object: KubeObject) =>
      objects.push({
        tier: TIER_OF_KIND[object.kind],
        service: service.name,
        object,
      });

    if (service.kind === 'database') {
      if (service.database?.mode === 'managed') {
        // Another module provisions managed databases.
        skipped.push(service.name);
        continue;
      }
      const db = databaseContainer(service, variables.services[service.name]);
      if (db.password !== undefined) {
        secretData[secretKeyOf(service.name, DATABASE_PASSWORD_KEY)] =
          db.password;
      }
      add(clusterService(host, namespace, labels, selector, [db.port]));
      add(
        databaseStatefulSet(
          {
            name: service.name,
            namespace,
            labels,
            selector,
            replicas: service.replicas,
            serviceName: host,
            podAnnotations:
              db.password !== undefined
                ? secretHash({ [DATABASE_PASSWORD_KEY]: db.password })
                : {},
          },
          service,
          db,
        ),
      );
      services.push({
        name: service.name,
        workload: { kind: 'StatefulSet', name: service.name },
        replicas: service.replicas,
        urls: [],
        internalUrls: [`${service.database!.engine}://${host}:${db.port}`],
      });
      continue;
    }

    const { values, secrets } = splitVariables(
      variables.services[service.name] ?? [],
    );
    for (const [key, value] of Object.entries(secrets)) {
      secretData[secretKeyOf(service.name, key)] = value;
    }
    // Plain values go inline in the pod template, except a Job's: its
    // template is its run, and a changed value must not run it again (as a
    // changed secret does not), so a Job reads them from a ConfigMap.
    const jobConfig = service.kind === 'job' && Object.keys(values).length > 0;
    if (jobConfig) {
      add(configMap(service.name, namespace, labels, values));
    }
    const container = appContainer(
      service,
      imageOf(service),
      jobConfig ? { configMap: service.name } : { values },
      Object.keys(secrets),
    );

    if (service.kind === 'job') {
      add(job({ name: service.name, namespace, labels }, container));
      services.push({
        name: service.name,
        workload: { kind: 'Job', name: service.name },
        replicas: 1,
        urls: [],
        internalUrls: [],
      });
      continue;
    }

    const ports = service.ports.map(p => p.port);
    const internalUrls = ports.map(port => `http://${host}:${port}`);
    const urls: string[] = [];
    if (ports.length > 0) {
      add(clusterService(host, namespace, labels, selector, ports));
      const hosts = publicHosts(service, host, options);
      const publicPort = service.ports.find(p => p.public)?.port;
      if (hosts.length > 0 && publicPort !== undefined) {
        add(
          ingress(
            service.name,
            namespace,
            labels,
            hosts,
            host,
            publicPort,
            options,
          ),
        );
        urls.push(...hosts.map(h => `https://${h}`));
      }
    }
    add(
      deployment(
        {
          name: service.name,
          namespace,
          labels,
          selector,
          replicas: service.replicas,
          // Plain values are in the template itself; a changed Secret
          // changes this hash, so it rolls the pods too.
          podAnnotations: secretHash(secrets),
        },
        container,
      ),
    );
    services.push({
      name: service.name,
      workload: { kind: 'Deployment', name: service.name },
      replicas: service.replicas,
      urls,
      internalUrls,
    });
  }

  if (Object.keys(secretData).length > 0) {
    // One write for every service's secrets instead of one per service.
    objects.unshift({
      tier: TIER_OF_KIND.Secret,
      object: secret(
        ENVIRONMENT_SECRET_NAME,
        namespace,
        ownershipLabels(environment, options.installationId),
        secretData,
      ),
    });
  }

  if (baseline) {
    const baseNamespace = namespaceName(
      options.namespacePrefix,
      baseline.environment.name,
    );
    for (const service of baseline.services) {
      // A managed database is reached at its own endpoint already.
      if (service.database?.mode === 'managed') continue;
      objects.push({
        tier: TIER_OF_KIND.Service,
        object: sharedServiceAlias(
          serviceHost(service.name, baseline.environment.name),
          namespace,
          ownershipLabels(environment, options.installationId),
          baseNamespace,
          options.clusterDomain,
        ),
      });
    }
  }

  return {
    namespace: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace,
        labels: ownershipLabels(environment, options.installationId),
      },
    },
    objects,
    services,
    skipped,
  };
}
