import { EmptyState, LinkButton } from '@backstage/core-components';
import {
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsTranslationRef } from '../../translation';
import { environmentsApiRef } from '../../api';
import { useSeenValues } from '../../hooks/useSeenValues';
import { useListFilters } from '../../hooks/useListFilters';
import { hasAnyFilter } from '../../lib/urlFilters';
import { rootRouteRef } from '../../routes';
import { FilteredList } from '../ListStates';
import { PageFrame } from '../PageFrame';
import { TemplateCard } from './TemplateCard';
import { TemplatesFilters } from './TemplatesFilters';
import { parseTemplateFilters } from './filters';

/**
 * The template catalog with its filters (kept in the URL) and its empty,
 * error and loading states, without the page chrome.
 */
export function TemplatesList() {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const environmentsApi = useApi(environmentsApiRef);
  const filters = useListFilters(parseTemplateFilters);

  const { q, type, engine, lifecycle, owner } = filters.filters;
  const { value, loading, error, retry } = useAsyncRetry(
    () => environmentsApi.listTemplates({ q, type, engine, lifecycle, owner }),
    [environmentsApi, q, type, engine, lifecycle, owner],
  );

  const items = value?.items;
  const engines = useSeenValues([
    ...(items ?? []).map(template => template.engine),
    engine,
  ]);
  const owners = useSeenValues([
    ...(items ?? []).map(template => template.owner),
    owner,
  ]);

  return (
    <FilteredList
      filters={
        <TemplatesFilters
          key={filters.key}
          value={filters.filters}
          onChange={filters.update}
          engines={engines}
          owners={owners}
        />
      }
      status={
        <Box height={4} mb={1}>
          {loading && value && (
            <LinearProgress aria-label={t('templatesPage.loading')} />
          )}
        </Box>
      }
      count={items?.length}
      loading={loading}
      error={error}
      onRetry={retry}
      filtered={hasAnyFilter(filters.filters)}
      empty={
        <EmptyState
          missing="content"
          title={t('templatesPage.emptyTitle')}
          description={t('templatesPage.emptyDescription')}
        />
      }
      noMatchesTitle={t('templatesPage.noMatchesTitle')}
      onClearFilters={filters.clear}
    >
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {t('templatesPage.count', { count: items?.length ?? 0 })}
      </Typography>
      <Grid container spacing={3} component="ul" style={{ padding: 0 }}>
        {(items ?? []).map(template => (
          <Grid
            item
            key={template.ref}
            xs={12}
            sm={6}
            lg={4}
            xl={3}
            component="li"
            style={{ listStyle: 'none' }}
          >
            <TemplateCard template={template} />
          </Grid>
        ))}
      </Grid>
    </FilteredList>
  );
}

/** The `/environments/templates` page: every ServiceTemplate of the catalog. */
export function TemplatesPage() {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const rootLink = useRouteRef(rootRouteRef);
  return (
    <PageFrame
      title={t('templatesPage.title')}
      subtitle={t('templatesPage.subtitle')}
      parent={rootLink && { label: t('common.environments'), href: rootLink() }}
      actions={
        rootLink && (
          <LinkButton variant="outlined" color="primary" to={rootLink()}>
            {t('common.allEnvironments')}
          </LinkButton>
        )
      }
    >
      <TemplatesList />
    </PageFrame>
  );
}
