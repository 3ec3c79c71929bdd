import {
  CreateButton,
  EmptyState,
  LinkButton,
} from '@backstage/core-components';
import { useRouteRef, useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  environmentCreatePermission,
  previewsReclaimedNext,
} from '@greenroom/plugin-environments-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { useMemo, useState } from 'react';
import { environmentsTranslationRef } from '../../translation';
import { useEnvironmentList } from '../../hooks/useEnvironmentList';
import { usePreviewQuota } from '../../hooks/usePreviewQuota';
import { useSeenValues } from '../../hooks/useSeenValues';
import { useListFilters } from '../../hooks/useListFilters';
import { hasAnyFilter } from '../../lib/urlFilters';
import { newEnvironmentRouteRef, templatesRouteRef } from '../../routes';
import { CostsButton } from '../CostsPage/CostsButton';
import { EnvironmentsTable } from '../EnvironmentsTable';
import { FilteredList } from '../ListStates';
import { PageFrame } from '../PageFrame';
import { PreviewQuotaCard } from '../PreviewQuotaCard';
import { EnvironmentsFilters } from './EnvironmentsFilters';
import { parseFilters } from './filters';

/** Where the "No environments yet" state points to. */
export const ENVIRONMENTS_DOCS_URL =
  'https://github.com/greenroom-dev/greenroom/tree/main/plugins/environments#readme';

const DEFAULT_PAGE_SIZE = 20;

/**
 * The environment list with its filters, pagination and empty, error and
 * loading states, and the preview quotas under it, without the page chrome.
 */
export function EnvironmentsList() {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const filters = useListFilters(parseFilters, () => setPage(0));

  const { value, loading, error, retry } = useEnvironmentList(
    filters.filters,
    page,
    pageSize,
  );

  const quota = usePreviewQuota();
  const reclaimNext = useMemo(
    () => quota.value && previewsReclaimedNext(quota.value),
    [quota.value],
  );

  const items = value?.items;
  const systems = useSeenValues([
    ...(items ?? []).map(environment => environment.system),
    filters.filters.system,
  ]);
  const owners = useSeenValues([
    ...(items ?? []).map(environment => environment.owner),
    filters.filters.owner,
  ]);

  return (
    <>
      <FilteredList
        filters={
          <EnvironmentsFilters
            key={filters.key}
            value={filters.filters}
            onChange={filters.update}
            systems={systems}
            owners={owners}
          />
        }
        count={value?.totalCount}
        loading={loading}
        error={error}
        onRetry={retry}
        filtered={hasAnyFilter(filters.filters)}
        empty={
          <EmptyState
            missing="content"
            title={t('environmentsPage.emptyTitle')}
            description={t('environmentsPage.emptyDescription')}
            action={
              <Button
                variant="contained"
                color="primary"
                href={ENVIRONMENTS_DOCS_URL}
                target="_blank"
                rel="noopener noreferrer"
              >
                {t('environmentsPage.readTheDocs')}
              </Button>
            }
          />
        }
        noMatchesTitle={t('environmentsPage.noMatchesTitle')}
        onClearFilters={filters.clear}
      >
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
          reclaimNext={reclaimNext}
        />
      </FilteredList>
      <Box mt={3}>
        <PreviewQuotaCard quota={quota.value} error={quota.error} />
      </Box>
    </>
  );
}

/**
 * The buttons of the list: "Costs" for those who may read cost, "Service
 * templates", and "New environment" for those who may create environments
 * (and only where the form is mounted).
 */
function EnvironmentsActions() {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const newEnvironmentLink = useRouteRef(newEnvironmentRouteRef);
  const templatesLink = useRouteRef(templatesRouteRef);
  const { allowed } = usePermission({
    permission: environmentCreatePermission,
  });
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <CostsButton />
      {templatesLink && (
        <LinkButton variant="outlined" color="primary" to={templatesLink()}>
          {t('environmentsPage.templatesButton')}
        </LinkButton>
      )}
      {allowed && newEnvironmentLink && (
        <CreateButton
          title={t('environmentsPage.newEnvironmentButton')}
          to={newEnvironmentLink()}
        />
      )}
    </Box>
  );
}

/** The `/environments` page: every environment of every system. */
export function EnvironmentsPage() {
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <PageFrame
      title={t('environmentsPage.title')}
      subtitle={t('environmentsPage.subtitle')}
      actions={<EnvironmentsActions />}
    >
      <EnvironmentsList />
    </PageFrame>
  );
}
