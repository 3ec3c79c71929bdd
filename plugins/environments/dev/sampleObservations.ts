import {
  formatImageReference,
  type EnvironmentObservation,
  type OperationType,
} from '@greenroom/plugin-environments-common';
import type { ApiEnvironment, ApiService } from '../src';

/** Where the demo backend would serve a local service's public port. */
const SERVICES_BASE_URL = 'http://localhost:7007/api/environments/services';

function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

/** What a kubernetes runtime tells the catalog about an environment. */
function entityAnnotations(
  environment: ApiEnvironment,
): Record<string, string> {
  if (environment.runtime.type !== 'kubernetes') {
    return {};
  }
  return {
    'backstage.io/kubernetes-namespace': `gr-${environment.name}`,
    'backstage.io/kubernetes-label-selector': `app.kubernetes.io/managed-by=greenroom,greenroom.dev/environment=${environment.name}`,
  };
}

/** Objects of shop-staging edited or deleted behind Greenroom's back. */
const STAGING_DRIFT: EnvironmentObservation['drift'] = [
  {
    resource: 'Deployment/api',
    service: 'api',
    change: 'modified',
    detail: 'replicas set to 3 by hand',
  },
  { resource: 'Service/db', service: 'db', change: 'missing' },
];

/**
 * The sample environments as the backend answers them: each with its last
 * observation; shop-staging drifted, payments-dev's runtime does not answer.
 */
export function withSampleObservation(
  environment: ApiEnvironment,
): ApiEnvironment {
  const observation: EnvironmentObservation = {
    observedAt: minutesAgo(1),
    drift: environment.name === 'shop-staging' ? STAGING_DRIFT : [],
    failures: 0,
    entityAnnotations: entityAnnotations(environment),
  };
  if (environment.name === 'payments-dev') {
    return {
      ...environment,
      observation: {
        ...observation,
        observedAt: undefined,
        failures: 3,
        lastError: 'the runtime did not answer within 10 seconds',
      },
    };
  }
  return { ...environment, observation };
}

/** A service as the local runtime reports it once an operation settled. */
function observeService(
  environment: ApiEnvironment,
  service: ApiService,
  running: boolean,
): ApiService {
  const now = new Date().toISOString();
  const phase = running ? 'running' : 'stopped';
  const changed = service.observed?.phase !== phase;
  return {
    ...service,
    observed: {
      phase,
      replicas: {
        ready: running ? service.replicas : 0,
        desired: service.replicas,
      },
      ...(service.image && { image: formatImageReference(service.image) }),
      publicUrls: service.ports.some(port => port.public)
        ? [`${SERVICES_BASE_URL}/${environment.name}/${service.name}/`]
        : [],
      internalUrls: service.ports.map(
        port => `http://${service.name}-${environment.name}:${port.port}`,
      ),
      lastTransitionAt:
        changed || !service.observed ? now : service.observed.lastTransitionAt,
      observedAt: now,
    },
  };
}

/**
 * What the runtime observes once an operation of `type` succeeded: every
 * service running or stopped, and no drift after anything that applied.
 */
export function observeAfter(
  environment: ApiEnvironment,
  type: OperationType,
): ApiEnvironment {
  if (type === 'destroy' || type === 'extend') {
    return environment;
  }
  const running = type !== 'stop';
  return {
    ...environment,
    services: environment.services.map(service =>
      observeService(environment, service, running),
    ),
    observation: {
      entityAnnotations: entityAnnotations(environment),
      ...environment.observation,
      observedAt: new Date().toISOString(),
      drift: running ? [] : environment.observation?.drift ?? [],
      failures: 0,
      lastError: undefined,
    },
  };
}
