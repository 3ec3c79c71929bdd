import type { Entity } from '@backstage/catalog-model';
import { isEnvironmentEntity } from '@greenroom/plugin-environments-common';

/**
 * Whether an entity is an environment on the built-in local runtime, whose
 * `spec.runtime` is `local` (or `local/<target>`).
 */
export function isLocalRuntimeEnvironment(entity: Entity): boolean {
  return (
    isEnvironmentEntity(entity) &&
    String(entity.spec?.runtime ?? '').split('/')[0] === 'local'
  );
}
