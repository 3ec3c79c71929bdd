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
import { isServiceTemplateEntity } from '@greenroom/plugin-environments-common';
import { formatServiceTemplateIssue } from '../validation/issues';
import { validateServiceTemplate } from '../validation/validateServiceTemplate';
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
   * that fails a check (see {@link validateServiceTemplate}: the kind's schema,
   * the parameters' JSON Schema, its expressions, rendering with the defaults)
   * throws an error naming each field and how to fix it, which the catalog
   * shows as the entity's processing error. `greenroom-validate-templates`
   * runs the same checks in CI.
   */
  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isServiceTemplateEntity(entity)) {
      return false;
    }
    const { ref, errors } = await validateServiceTemplate(entity);
    if (errors.length > 0) {
      throw new TypeError(
        `${ref ?? 'ServiceTemplate'} is invalid: ${errors
          .map(formatServiceTemplateIssue)
          .join('; ')}`,
      );
    }
    return true;
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
