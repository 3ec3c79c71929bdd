import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';

/**
 * A relation from an entity to the entities named in one of its spec fields,
 * together with the reverse relation that the target gets.
 */
export interface RelationField {
  /** Path of the field, used in error messages, e.g. `spec.services[0].componentRef`. */
  field: string;
  /** The refs found in the field; empty values are skipped. */
  refs: Array<string | undefined>;
  /** Kind assumed when a ref has none, e.g. `Group` for `team-shop`. */
  defaultKind: string;
  /** The relation from the entity to the target, e.g. `ownedBy`. */
  type: string;
  /** The relation from the target back to the entity, e.g. `ownerOf`. */
  reverseType: string;
}

/**
 * Emits each relation of `fields` and its reverse, once per distinct target.
 * Refs without a namespace default to the namespace of the entity itself.
 */
export function emitRelations(
  entity: Entity,
  fields: RelationField[],
  emit: CatalogProcessorEmit,
): void {
  const self = getCompoundEntityRef(entity);
  const seen = new Set<string>();

  for (const { field, refs, defaultKind, type, reverseType } of fields) {
    for (const ref of refs) {
      if (!ref) {
        continue;
      }
      const target = parseRef(ref, field, defaultKind, self.namespace);
      const key = `${type} ${stringifyEntityRef(target).toLocaleLowerCase(
        'en-US',
      )}`;
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      emit(processingResult.relation({ source: self, type, target }));
      emit(
        processingResult.relation({
          source: target,
          type: reverseType,
          target: self,
        }),
      );
    }
  }
}

function parseRef(
  ref: string,
  field: string,
  defaultKind: string,
  defaultNamespace: string,
): CompoundEntityRef {
  try {
    const { kind, namespace, name } = parseEntityRef(ref, {
      defaultKind,
      defaultNamespace,
    });
    return { kind, namespace, name };
  } catch (error) {
    throw new TypeError(
      `${field}: "${ref}" is not a valid entity ref, ${
        (error as Error).message
      }`,
    );
  }
}
