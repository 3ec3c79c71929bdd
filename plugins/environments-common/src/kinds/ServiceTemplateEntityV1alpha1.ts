import {
  Entity,
  KindValidator,
  entityKindSchemaValidator,
} from '@backstage/catalog-model';
import { GREENROOM_API_VERSION } from '../constants';
import type {
  ServiceTemplateLifecycle,
  ServiceTemplateType,
} from '../constants';
import type { ServiceTemplateService } from '../schemas/serviceTemplate';
import schema from './ServiceTemplate.v1alpha1.schema.json';

/** A JSON object, as `Entity['spec']` types it. */
type JsonObject = NonNullable<Entity['spec']>;

/**
 * A typed, versioned blueprint of a service, authored by DevOps as YAML and
 * registered in the catalog. Values in `spec.service` may be
 * `${{ parameters.x }}` expressions.
 *
 * @public
 */
export interface ServiceTemplateEntityV1alpha1 extends Entity {
  apiVersion: typeof GREENROOM_API_VERSION;
  kind: 'ServiceTemplate';
  spec: {
    /** Entity ref of the owner. */
    owner: string;
    type: ServiceTemplateType;
    /** Semantic version, e.g. `1.2.0`. */
    version: string;
    lifecycle: ServiceTemplateLifecycle;
    /** A JSON Schema (object) of the parameters; drives the form. */
    parameters?: JsonObject;
    /** Service defaults. */
    service: ServiceTemplateService;
    links?: Array<{ url: string; title?: string; icon?: string }>;
  };
}

const validator = entityKindSchemaValidator(schema);

/**
 * {@link @backstage/catalog-model#KindValidator} for {@link ServiceTemplateEntityV1alpha1}.
 *
 * @public
 */
export const serviceTemplateEntityV1alpha1Validator: KindValidator = {
  async check(data: Entity) {
    return validator(data) === data;
  },
};

/** @public */
export function isServiceTemplateEntity(
  entity: Entity,
): entity is ServiceTemplateEntityV1alpha1 {
  return (
    entity.apiVersion === GREENROOM_API_VERSION &&
    entity.kind === 'ServiceTemplate'
  );
}
