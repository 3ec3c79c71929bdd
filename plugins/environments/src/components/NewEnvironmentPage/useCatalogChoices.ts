import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { groupsOf } from './owners';

/** An entity to choose in a select: its ref and what to call it. */
export interface EntityChoice {
  ref: string;
  label: string;
}

/** What the form offers from the software catalog. */
export interface CatalogChoices {
  systems: EntityChoice[];
  groups: EntityChoice[];
  components: Entity[];
  /** The groups the signed-in user belongs to (the first is the default owner). */
  memberOf: string[];
}

function byLabel(a: EntityChoice, b: EntityChoice) {
  return a.label.localeCompare(b.label);
}

function choice(entity: Entity): EntityChoice {
  return {
    ref: stringifyEntityRef(entity),
    label: entity.metadata.title ?? entity.metadata.name,
  };
}

/** The System a Component belongs to, as a full ref, if it names one. */
export function systemOf(entity: Entity): string | undefined {
  const system = (entity.spec as { system?: unknown } | undefined)?.system;
  if (typeof system !== 'string' || system === '') {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * The catalog's groups and the groups the signed-in user belongs to: what an
 * Owner field offers (see `ownerChoices`).
 */
async function loadGroupChoices(
  catalogApi: typeof catalogApiRef.T,
  identityApi: typeof identityApiRef.T,
) {
  const [groups, identity] = await Promise.all([
    catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: ['kind', 'metadata.namespace', 'metadata.name', 'metadata.title'],
    }),
    identityApi.getBackstageIdentity(),
  ]);
  return {
    groups: groups.items.map(choice).sort(byLabel),
    memberOf: groupsOf(identity.ownershipEntityRefs),
  };
}

/**
 * Loads the Systems, Groups and Components of the catalog, and the groups
 * the signed-in user belongs to, for the "New environment" form.
 */
export function useCatalogChoices() {
  const catalogApi = useApi(catalogApiRef);
  const identityApi = useApi(identityApiRef);
  return useAsync(async (): Promise<CatalogChoices> => {
    const [systems, components, owners] = await Promise.all([
      catalogApi.getEntities({ filter: { kind: 'System' } }),
      catalogApi.getEntities({ filter: { kind: 'Component' } }),
      loadGroupChoices(catalogApi, identityApi),
    ]);
    return {
      systems: systems.items.map(choice).sort(byLabel),
      components: [...components.items].sort((a, b) =>
        (a.metadata.title ?? a.metadata.name).localeCompare(
          b.metadata.title ?? b.metadata.name,
        ),
      ),
      ...owners,
    };
  }, [catalogApi, identityApi]);
}

/** The owner choices alone, for the clone dialog. */
export function useGroupChoices() {
  const catalogApi = useApi(catalogApiRef);
  const identityApi = useApi(identityApiRef);
  return useAsync(
    () => loadGroupChoices(catalogApi, identityApi),
    [catalogApi, identityApi],
  );
}
