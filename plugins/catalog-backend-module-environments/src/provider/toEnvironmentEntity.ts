import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  Environment,
  EnvironmentEntityV1alpha1,
  GREENROOM_API_VERSION,
} from '@greenroom/plugin-environments-common';

export const ENVIRONMENT_ID_ANNOTATION = 'greenroom.dev/environment-id';
export const PROVIDER_LOCATION = 'greenroom:environments';

/**
 * The catalog entity of an environment: what runs where, who owns it, what
 * state it is in. Variables (and so secrets) are never part of it.
 */
export function toEnvironmentEntity(
  environment: Pick<
    Environment,
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
  >,
  options: { appBaseUrl?: string } = {},
): EnvironmentEntityV1alpha1 {
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
        [ANNOTATION_LOCATION]: PROVIDER_LOCATION,
        [ANNOTATION_ORIGIN_LOCATION]: PROVIDER_LOCATION,
        [ENVIRONMENT_ID_ANNOTATION]: environment.id,
      },
      labels: { 'greenroom.dev/mode': environment.mode },
      ...(options.appBaseUrl && {
        links: [
          {
            url: `${options.appBaseUrl}/environments/${environment.name}`,
            title: 'Open in Greenroom',
          },
        ],
      }),
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
