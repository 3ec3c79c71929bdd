import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsApiRef } from '../../api';
import { useSeenValues } from '../../hooks/useSeenValues';
import { useUrlFilters } from '../../hooks/useUrlFilters';
import { hasAnyFilter } from '../../lib/urlFilters';
import { rootRouteRef } from '../../routes';
import { TemplateCard } from './TemplateCard';
import { TemplatesFilters } from './TemplatesFilters';
import { parseTemplateFilters, TemplateFilters } from './filters';

/**
 * The template catalog with its filters (kept in the URL) and its empty,
 * error and loading states, without the page chrome.
 */
export function TemplatesList() {
  const environmentsApi = useApi(environmentsApiRef);
  const [filters, setFilters] = useUrlFilters(parseTemplateFilters);
  // Remounts the filter inputs when the filters are cleared, dropping any
  // search text that was still being typed.
  const [filtersKey, setFiltersKey] = useState(0);

  const updateFilters = useCallback(
    (patch: Partial<TemplateFilters>) => {
      setFilters(current => ({ ...current, ...patch }));
    },
    [setFilters],
  );

  const clearFilters = useCallback(() => {
    setFilters(() => ({}));
    setFiltersKey(key => key + 1);
  }, [setFilters]);

  const { q, type, engine, lifecycle, owner } = filters;
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

  const filtered = hasAnyFilter(filters);

  if (!value && !error && loading) {
    return <Progress />;
  }

  if (value && value.items.length === 0 && !filtered && !loading) {
    return (
      <EmptyState
        missing="content"
        title="No service templates yet"
        description="Service templates are blueprints of databases, caches, queues and applications that DevOps publish for developers to add to environments. To publish one, register a ServiceTemplate YAML (apiVersion greenroom.dev/v1alpha1, kind ServiceTemplate) in the catalog; it is listed here once the catalog has read it."
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
  } else if (value && value.items.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No template matches these filters"
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
      <>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {items?.length === 1
            ? '1 template'
            : `${items?.length ?? 0} templates`}
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
      </>
    );
  }

  return (
    <>
      <Box mb={2}>
        <TemplatesFilters
          key={filtersKey}
          value={filters}
          onChange={updateFilters}
          engines={engines}
          owners={owners}
        />
      </Box>
      <Box height={4} mb={1}>
        {loading && value && <LinearProgress aria-label="Loading templates" />}
      </Box>
      {body}
    </>
  );
}

/** The `/environments/templates` page: every ServiceTemplate of the catalog. */
export function TemplatesPage() {
  const rootLink = useRouteRef(rootRouteRef);
  return (
    <Page themeId="tool">
      <Header
        title="Service templates"
        subtitle="Blueprints of databases, caches, queues and applications to add to environments"
        type="Environments"
        typeLink={rootLink?.()}
      />
      <Content>
        {rootLink && (
          <ContentHeader title="">
            <LinkButton variant="outlined" color="primary" to={rootLink()}>
              All environments
            </LinkButton>
          </ContentHeader>
        )}
        <TemplatesList />
      </Content>
    </Page>
  );
}
