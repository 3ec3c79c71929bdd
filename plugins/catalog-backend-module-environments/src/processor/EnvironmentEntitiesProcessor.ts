import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyLocationRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  environmentEntityV1alpha1Validator,
  isEnvironmentEntity,
} from '@greenroom/plugin-environments-common';
import { PROVIDER_LOCATION } from '../provider/toEnvironmentEntity';
import { emitRelations } from './relations';

/**
 * Validates `kind: Environment` entities (`apiVersion: greenroom.dev/v1alpha1`)
 * and relates each one to its System (`partOf` / `hasPart`), its owner
 * (`ownedBy` / `ownerOf`) and the Components its services run
 * (`dependsOn` / `dependencyOf`).
 *
 * Environments come only from Greenroom's own provider: one from any other
 * location (a YAML file anyone can register) is refused.
 *
 * @public
 */
export class EnvironmentEntitiesProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'EnvironmentEntitiesProcessor';
  }

  /**
   * Refuses an Environment that the environments provider did not publish.
   * The catalog itself sets both location annotations of an entity read
   * from a location, so a YAML file cannot pass for the provider.
   */
  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
    _emit: CatalogProcessorEmit,
    originLocation: LocationSpec,
  ): Promise<Entity> {
    if (!isEnvironmentEntity(entity)) {
      return entity;
    }
    const from = [location, originLocation ?? location].map(l =>
      stringifyLocationRef(l),
    );
    if (from.some(ref => ref !== PROVIDER_LOCATION)) {
      throw new InputError(
        `${ANNOTATION_LOCATION}: Environment entities come only from Greenroom's environments provider (${PROVIDER_LOCATION}), not from ${from.find(
          ref => ref !== PROVIDER_LOCATION,
        )}; environments are created in Greenroom, which publishes them to the catalog`,
      );
    }
    return entity;
  }

  /**
   * True for a valid Environment, false for other kinds. An Environment that
   * breaks the schema throws an error naming the field, which the catalog
   * shows as the entity's processing error.
   */
  async validateEntityKind(entity: Entity): Promise<boolean> {
    return environmentEntityV1alpha1Validator.check(entity);
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isEnvironmentEntity(entity)) {
      return entity;
    }
    const { spec } = entity;
    emitRelations(
      entity,
      [
        {
          field: 'spec.system',
          refs: [spec.system],
          defaultKind: 'System',
          type: RELATION_PART_OF,
          reverseType: RELATION_HAS_PART,
        },
        {
          field: 'spec.owner',
          refs: [spec.owner],
          defaultKind: 'Group',
          type: RELATION_OWNED_BY,
          reverseType: RELATION_OWNER_OF,
        },
        ...(spec.services ?? []).map((service, index) => ({
          field: `spec.services[${index}].componentRef`,
          refs: [service.componentRef],
          defaultKind: 'Component',
          type: RELATION_DEPENDS_ON,
          reverseType: RELATION_DEPENDENCY_OF,
        })),
      ],
      emit,
    );
    return entity;
  }
}
