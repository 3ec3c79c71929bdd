import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { compatWrapper } from '@backstage/core-compat-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useState } from 'react';
import type { ListEnvironmentsQuery } from '../../api';
import { useEnvironmentList } from '../../hooks/useEnvironmentList';
import { environmentsTranslationRef } from '../../translation';
import { EnvironmentsTable } from '../EnvironmentsTable';

const DEFAULT_PAGE_SIZE = 10;

/**
 * The query that finds the environments an entity runs in: a Component by
 * the services built from it, a System by the environments that belong to it.
 */
export function environmentQueryForEntity(
  entity: Entity,
): Pick<ListEnvironmentsQuery, 'component' | 'system'> | undefined {
  const ref = stringifyEntityRef(entity);
  switch (entity.kind.toLocaleLowerCase('en-US')) {
    case 'component':
      return { component: ref };
    case 'system':
      return { system: ref };
    default:
      return undefined;
  }
}

function EntityEnvironmentsTable(props: {
  query: Pick<ListEnvironmentsQuery, 'component' | 'system'>;
  entityName: string;
  kind: 'component' | 'system';
}) {
  const { query, entityName, kind } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const { value, loading, error } = useEnvironmentList(query, page, pageSize);

  if (!value && loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value || value.totalCount === 0) {
    return (
      <EmptyState
        missing="content"
        title={t('entityEnvironmentsContent.emptyTitle')}
        description={
          kind === 'component'
            ? t('entityEnvironmentsContent.componentEmptyDescription', {
                entity: entityName,
              })
            : t('entityEnvironmentsContent.systemEmptyDescription', {
                entity: entityName,
              })
        }
      />
    );
  }
  return (
    <EnvironmentsTable
      title={t('entityEnvironmentsContent.title')}
      subtitle={
        kind === 'component'
          ? t('entityEnvironmentsContent.componentSubtitle', {
              entity: entityName,
            })
          : t('entityEnvironmentsContent.systemSubtitle', {
              entity: entityName,
            })
      }
      environments={value.items}
      totalCount={value.totalCount}
      page={page}
      pageSize={pageSize}
      onPageChange={setPage}
      onPageSizeChange={newPageSize => {
        setPageSize(newPageSize);
        setPage(0);
      }}
      isLoading={loading}
      hiddenColumns={['system']}
    />
  );
}

/**
 * The "Environments" tab of Component and System entity pages: the
 * environments where the entity runs.
 */
export function EntityEnvironmentsContent() {
  const { entity } = useEntity();
  const query = environmentQueryForEntity(entity);
  const { t } = useTranslationRef(environmentsTranslationRef);
  if (!query) {
    return (
      <EmptyState
        missing="info"
        title={t('entityEnvironmentsContent.wrongKindTitle')}
        description={t('entityEnvironmentsContent.wrongKindDescription', {
          kind: entity.kind,
        })}
      />
    );
  }
  return (
    <EntityEnvironmentsTable
      key={stringifyEntityRef(entity)}
      query={query}
      entityName={entity.metadata.title ?? entity.metadata.name}
      kind={query.component ? 'component' : 'system'}
    />
  );
}

/**
 * {@link EntityEnvironmentsContent} for legacy apps: the compat wrapper lets
 * the table link environments through the old app's routing.
 */
export function LegacyEntityEnvironmentsContent() {
  return compatWrapper(<EntityEnvironmentsContent />);
}
