import {
  Entity,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  isServiceTemplateEntity,
  serviceTemplateEntityV1alpha1Validator,
} from '@greenroom/plugin-environments-common';
import { emitRelations } from './relations';

/**
 * Validates `kind: ServiceTemplate` entities (`apiVersion: greenroom.dev/v1alpha1`)
 * and relates each one to its owner (`ownedBy` / `ownerOf`).
 *
 * @public
 */
export class ServiceTemplateEntitiesProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'ServiceTemplateEntitiesProcessor';
  }

  /**
   * True for a valid ServiceTemplate, false for other kinds. A ServiceTemplate
   * that breaks the schema throws an error naming the field, which the
   * catalog shows as the entity's processing error.
   */
  async validateEntityKind(entity: Entity): Promise<boolean> {
    return serviceTemplateEntityV1alpha1Validator.check(entity);
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isServiceTemplateEntity(entity)) {
      return entity;
    }
    emitRelations(
      entity,
      [
        {
          field: 'spec.owner',
          refs: [entity.spec.owner],
          defaultKind: 'Group',
          type: RELATION_OWNED_BY,
          reverseType: RELATION_OWNER_OF,
        },
      ],
      emit,
    );
    return entity;
  }
}
