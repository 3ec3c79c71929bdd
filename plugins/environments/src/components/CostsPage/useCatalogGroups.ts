import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

const NONE: string[] = [];

/**
 * The Groups of the catalog, as owner choices; none without a catalog, and
 * none asked for until `enabled`.
 */
export function useCatalogGroups(enabled = true): string[] {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const { value } = useAsync(async () => {
    if (!catalogApi || !enabled) return undefined;
    const response = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    });
    return response.items.map(entity => stringifyEntityRef(entity));
  }, [catalogApi, enabled]);
  return value ?? NONE;
}
