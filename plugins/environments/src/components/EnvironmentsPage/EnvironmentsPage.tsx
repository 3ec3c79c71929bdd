import {
  Content,
  ContentHeader,
  CreateButton,
  EmptyState,
  Header,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { environmentCreatePermission } from '@greenroom/plugin-environments-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { useCallback, useState } from 'react';
import { useEnvironmentList } from '../../hooks/useEnvironmentList';
import { useSeenValues } from '../../hooks/useSeenValues';
import { useUrlFilters } from '../../hooks/useUrlFilters';
import { hasAnyFilter } from '../../lib/urlFilters';
import { newEnvironmentRouteRef, templatesRouteRef } from '../../routes';
import { CostsButton } from '../CostsPage/CostsButton';
import { EnvironmentsTable } from '../EnvironmentsTable';
import { EnvironmentsFilters } from './EnvironmentsFilters';
import { EnvironmentFilters, parseFilters } from './filters';

/** Where the "No environments yet" state points to. */
export const ENVIRONMENTS_DOCS_URL =
  'https://github.com/greenroom-dev/greenroom/tree/main/plugins/environments#readme';

const DEFAULT_PAGE_SIZE = 20;

/**
 * The environment list with its filters, pagination and empty, error and
 * loading states, without the page chrome.
 */
export function EnvironmentsList() {
  const [filters, setFilters] = useUrlFilters(parseFilters);

  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  // Remounts the filter inputs when the filters are cleared, dropping any
  // search text that was still being typed.
  const [filtersKey, setFiltersKey] = useState(0);

  const updateFilters = useCallback(
    (patch: Partial<EnvironmentFilters>) => {
      setFilters(current => ({ ...current, ...patch }));
      setPage(0);
    },
    [setFilters],
  );

  const clearFilters = useCallback(() => {
    setFilters(() => ({}));
    setPage(0);
    setFiltersKey(key => key + 1);
  }, [setFilters]);

  const { value, loading, error, retry } = useEnvironmentList(
    filters,
    page,
    pageSize,
  );

  const items = value?.items;
  const systems = useSeenValues([
    ...(items ?? []).map(environment => environment.system),
    filters.system,
  ]);
  const owners = useSeenValues([
    ...(items ?? []).map(environment => environment.owner),
    filters.owner,
  ]);

  const filtered = hasAnyFilter(filters);

  if (!value && loading) {
    return <Progress />;
  }

  if (value && value.totalCount === 0 && !filtered && !loading) {
    return (
      <EmptyState
        missing="content"
        title="No environments yet"
        description="Environments are the places your systems run: production, staging, development and pull-request previews. Once the Greenroom backend holds some, they are listed here."
        action={
          <Button
            variant="contained"
            color="primary"
            href={ENVIRONMENTS_DOCS_URL}
            target="_blank"
            rel="noopener noreferrer"
          >
            Read the docs
          </Button>
        }
      />
    );
  }

  let body;
  if (error) {
    body = (
      <>
        <ResponseErrorPanel error={error} />
        <Box mt={2}>
          <Button variant="outlined" onClick={retry}>
            Retry
          </Button>
        </Box>
      </>
    );
  } else if (value && value.totalCount === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No environment matches these filters"
        description="Try another search or fewer filters."
        action={
          <Button variant="outlined" color="primary" onClick={clearFilters}>
            Clear filters
          </Button>
        }
      />
    );
  } else {
    body = (
      <EnvironmentsTable
        environments={value?.items ?? []}
        totalCount={value?.totalCount ?? 0}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        onPageSizeChange={newPageSize => {
          setPageSize(newPageSize);
          setPage(0);
        }}
        isLoading={loading}
      />
    );
  }

  return (
    <>
      <Box mb={2}>
        <EnvironmentsFilters
          key={filtersKey}
          value={filters}
          onChange={updateFilters}
          systems={systems}
          owners={owners}
        />
      </Box>
      {body}
    </>
  );
}

/**
 * The "Service templates" link and the "New environment" button, the latter
 * for those who may create environments (and only where the form is
 * mounted).
 */
function NewEnvironmentHeader() {
  const newEnvironmentLink = useRouteRef(newEnvironmentRouteRef);
  const templatesLink = useRouteRef(templatesRouteRef);
  const { allowed } = usePermission({
    permission: environmentCreatePermission,
  });
  const canCreate = allowed && newEnvironmentLink;
  if (!canCreate && !templatesLink) {
    return null;
  }
  return (
    <ContentHeader title="">
      {templatesLink && (
        <Box mr={canCreate ? 1 : 0}>
          <LinkButton variant="outlined" color="primary" to={templatesLink()}>
            Service templates
          </LinkButton>
        </Box>
      )}
      {canCreate && (
        <CreateButton title="New environment" to={newEnvironmentLink()} />
      )}
    </ContentHeader>
  );
}

/** The `/environments` page: every environment of every system. */
export function EnvironmentsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Environments"
        subtitle="Every environment of every system: production, staging, development and previews"
      >
        <CostsButton />
      </Header>
      <Content>
        <NewEnvironmentHeader />
        <EnvironmentsList />
      </Content>
    </Page>
  );
}
