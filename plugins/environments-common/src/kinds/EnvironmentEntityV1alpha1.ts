import {
  Entity,
  KindValidator,
  entityKindSchemaValidator,
} from '@backstage/catalog-model';
import { GREENROOM_API_VERSION } from '../constants';
import type {
  EnvironmentMode,
  EnvironmentStatus,
  OriginType,
  ServiceKind,
} from '../constants';
import schema from './Environment.v1alpha1.schema.json';

/**
 * An environment as published in the software catalog. It never carries
 * variables or secrets.
 *
 * @public
 */
export interface EnvironmentEntityV1alpha1 extends Entity {
  apiVersion: typeof GREENROOM_API_VERSION;
  kind: 'Environment';
  spec: {
    mode: EnvironmentMode;
    /** Entity ref of the System. */
    system: string;
    /** Entity ref of the owner Group (or User). */
    owner: string;
    /** e.g. `local`, `kubernetes`. */
    runtime: string;
    /** The last observed status. */
    state?: EnvironmentStatus;
    services: Array<{
      name: string;
      kind: ServiceKind;
      /** Entity ref of the Component the service runs. */
      componentRef?: string;
      /** The ServiceTemplate it came from, `<entity ref>@<version>`. */
      template?: string;
    }>;
    /** ISO 8601 */
    expiresAt?: string;
    origin?: OriginType;
  };
}

const validator = entityKindSchemaValidator(schema);

/**
 * {@link @backstage/catalog-model#KindValidator} for {@link EnvironmentEntityV1alpha1}.
 *
 * @public
 */
export const environmentEntityV1alpha1Validator: KindValidator = {
  // Same shape as scaffolder-common's templateEntityV1beta3Validator:
  // resolves false for other kinds, rejects with a message for bad ones.
  async check(data: Entity) {
    return validator(data) === data;
  },
};

/** @public */
export function isEnvironmentEntity(
  entity: Entity,
): entity is EnvironmentEntityV1alpha1 {
  return (
    entity.apiVersion === GREENROOM_API_VERSION && entity.kind === 'Environment'
  );
}
