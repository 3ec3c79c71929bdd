import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  ApiEnvironment,
  EnvironmentEntityV1alpha1,
  GREENROOM_API_VERSION,
} from '@greenroom/plugin-environments-common';

export const ENVIRONMENT_ID_ANNOTATION = 'greenroom.dev/environment-id';
export const PROVIDER_LOCATION = 'greenroom:environments';

/**
 * Annotations a runtime may put on the entity: where the Kubernetes plugin
 * finds the environment's objects. Nothing else a runtime reports reaches
 * the entity, so it can never replace the location or ownership annotations.
 */
const RUNTIME_ANNOTATION_PREFIX = 'backstage.io/kubernetes-';

/** The most service links an entity carries. */
const MAX_SERVICE_LINKS = 20;

/**
 * The catalog entity of an environment: what runs where, who owns it, what
 * state it is in, where its services answer (`metadata.links`) and where the
 * Kubernetes plugin finds it. Variables (and so secrets) are never part of it.
 */
export function toEnvironmentEntity(
  environment: Pick<
    ApiEnvironment,
    | 'id'
    | 'name'
    | 'title'
    | 'system'
    | 'owner'
    | 'mode'
    | 'runtime'
    | 'status'
    | 'services'
    | 'expiresAt'
    | 'origin'
    | 'observation'
  >,
  options: { appBaseUrl?: string } = {},
): EnvironmentEntityV1alpha1 {
  const links = [
    ...(options.appBaseUrl
      ? [
          {
            url: `${options.appBaseUrl}/environments/${environment.name}`,
            title: 'Open in Greenroom',
          },
        ]
      : []),
    ...environment.services
      .flatMap(service =>
        (service.observed?.publicUrls ?? []).map(url => ({
          url,
          title: service.name,
          type: 'service',
        })),
      )
      .slice(0, MAX_SERVICE_LINKS),
  ];
  const runtimeAnnotations = Object.fromEntries(
    Object.entries(environment.observation?.entityAnnotations ?? {}).filter(
      ([key]) => key.startsWith(RUNTIME_ANNOTATION_PREFIX),
    ),
  );
  const runtime = environment.runtime.target
    ? `${environment.runtime.type}/${environment.runtime.target}`
    : environment.runtime.type;
  return {
    apiVersion: GREENROOM_API_VERSION,
    kind: 'Environment',
    metadata: {
      name: environment.name,
      namespace: 'default',
      title: environment.title,
      description: `${environment.mode} environment on ${runtime}`,
      annotations: {
        ...runtimeAnnotations,
        [ANNOTATION_LOCATION]: PROVIDER_LOCATION,
        [ANNOTATION_ORIGIN_LOCATION]: PROVIDER_LOCATION,
        [ENVIRONMENT_ID_ANNOTATION]: environment.id,
      },
      labels: { 'greenroom.dev/mode': environment.mode },
      ...(links.length > 0 && { links }),
    },
    spec: {
      mode: environment.mode,
      system: environment.system,
      owner: environment.owner,
      runtime,
      state: environment.status,
      services: environment.services.map(service => ({
        name: service.name,
        kind: service.kind,
        ...(service.componentRef && { componentRef: service.componentRef }),
        ...(service.template && {
          template: `${service.template.ref}@${service.template.version}`,
        }),
      })),
      ...(environment.expiresAt && { expiresAt: environment.expiresAt }),
      origin: environment.origin.type,
    },
  };
}
