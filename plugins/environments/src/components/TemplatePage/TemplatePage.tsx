import {
  EmptyState,
  InfoCard,
  Link,
  LinkButton,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  useApi,
  useRouteRef,
  useRouteRefParams,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsTranslationRef } from '../../translation';
import {
  environmentsApiRef,
  ServiceTemplateDetails,
  ServiceTemplateUsage,
} from '../../api';
import { isNotFoundError } from '../../hooks/useEnvironmentDetails';
import { formatRelativeTime } from '../../lib/format';
import {
  environmentRouteRef,
  templateRouteRef,
  templatesRouteRef,
} from '../../routes';
import { AddServiceDialog } from '../AddServiceDialog';
import { ErrorWithRetry } from '../ListStates';
import { PageFrame, PageFrameProps } from '../PageFrame';
import { LifecycleChip, UpgradeStatusChip } from '../TemplateChips';
import { describeParameters, ParameterRow } from './parameters';

const NONE = '—';

function Frame(props: Omit<PageFrameProps, 'parent'>) {
  const templatesLink = useRouteRef(templatesRouteRef);
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <PageFrame
      {...props}
      parent={
        templatesLink && {
          label: t('templatesPage.title'),
          href: templatesLink(),
        }
      }
    />
  );
}

const PARAMETER_COLUMNS: TableColumn<ParameterRow & { id: string }>[] = [
  {
    title: 'Name',
    field: 'name',
    highlight: true,
    render: row => (
      <>
        <Typography variant="body2" component="code">
          {row.name}
        </Typography>
        {row.title && (
          <Typography variant="caption" color="textSecondary" component="div">
            {row.title}
          </Typography>
        )}
      </>
    ),
  },
  { title: 'Type', field: 'type' },
  {
    title: 'Default',
    render: row =>
      row.default === undefined ? (
        NONE
      ) : (
        <Typography variant="body2" component="code">
          {row.default}
        </Typography>
      ),
  },
  { title: 'Allowed values', render: row => row.enum ?? NONE },
  { title: 'Required', render: row => (row.required ? 'yes' : 'no') },
  { title: 'Description', render: row => row.description ?? NONE },
];

function ParametersTable(props: { schema: unknown }) {
  const rows = describeParameters(props.schema);
  return (
    <Table<ParameterRow & { id: string }>
      title={`Parameters (${rows.length})`}
      columns={PARAMETER_COLUMNS}
      data={rows.map(row => ({ ...row, id: row.name }))}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          This template has no parameters: it is used as it is.
        </Typography>
      }
      options={{
        search: false,
        paging: false,
        sorting: false,
        padding: 'dense',
        toolbar: true,
      }}
    />
  );
}

function UsageTable(props: { usage: ServiceTemplateUsage[] }) {
  const environmentLink = useRouteRef(environmentRouteRef);
  const columns: TableColumn<ServiceTemplateUsage & { id: string }>[] = [
    {
      title: 'Environment',
      highlight: true,
      render: row => (
        <>
          {environmentLink ? (
            <Link to={environmentLink({ name: row.environment })}>
              {row.environment}
            </Link>
          ) : (
            row.environment
          )}
          {row.environmentTitle && row.environmentTitle !== row.environment && (
            <Typography variant="caption" color="textSecondary" component="div">
              {row.environmentTitle}
            </Typography>
          )}
        </>
      ),
    },
    { title: 'Mode', field: 'mode' },
    { title: 'Service', field: 'service' },
    { title: 'Version', field: 'version' },
    {
      title: 'Status',
      render: row => <UpgradeStatusChip status={row.status} />,
    },
  ];
  return (
    <Table<ServiceTemplateUsage & { id: string }>
      title={`Used by (${props.usage.length})`}
      columns={columns}
      data={props.usage.map(row => ({
        ...row,
        id: `${row.environment}/${row.service}`,
      }))}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          No environment runs a service from this template yet.
        </Typography>
      }
      options={{
        search: false,
        paging: props.usage.length > 20,
        pageSize: 20,
        sorting: false,
        padding: 'dense',
        toolbar: true,
      }}
    />
  );
}

function AboutCard(props: { details: ServiceTemplateDetails }) {
  const { template } = props.details;
  return (
    <InfoCard title="About">
      <Typography variant="body1" paragraph>
        {template.description || 'No description.'}
      </Typography>
      <Grid container spacing={2}>
        <Grid item xs={6}>
          <Typography variant="caption" color="textSecondary">
            Owner
          </Typography>
          <Typography variant="body2" component="div">
            <EntityRefLink entityRef={template.owner} defaultKind="group" />
          </Typography>
        </Grid>
        <Grid item xs={6}>
          <Typography variant="caption" color="textSecondary">
            Type
          </Typography>
          <Typography variant="body2" component="div">
            {template.type}
            {template.engine ? ` · ${template.engine}` : ''}
          </Typography>
        </Grid>
        {template.tags.length > 0 && (
          <Grid item xs={12}>
            <Typography variant="caption" color="textSecondary">
              Tags
            </Typography>
            <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
              {template.tags.map(tag => (
                <Chip key={tag} size="small" variant="outlined" label={tag} />
              ))}
            </Box>
          </Grid>
        )}
        {template.links.length > 0 && (
          <Grid item xs={12}>
            <Typography variant="caption" color="textSecondary">
              Links
            </Typography>
            <List dense disablePadding>
              {template.links.map(link => (
                <ListItem key={link.url} disableGutters>
                  <Link to={link.url}>{link.title ?? link.url}</Link>
                </ListItem>
              ))}
            </List>
          </Grid>
        )}
      </Grid>
    </InfoCard>
  );
}

function VersionsCard(props: { details: ServiceTemplateDetails }) {
  const { versions, template } = props.details;
  return (
    <InfoCard title={`Versions (${versions.length})`}>
      {versions.length === 0 ? (
        <Typography variant="body2">No version recorded yet.</Typography>
      ) : (
        <List dense disablePadding aria-label="Versions">
          {versions.map(version => (
            <ListItem key={version.version} disableGutters>
              <ListItemText
                primary={
                  <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                    <Typography variant="body2" component="code">
                      {version.version}
                    </Typography>
                    <LifecycleChip lifecycle={version.lifecycle} />
                    {version.version === template.version && (
                      <Chip size="small" label="current" />
                    )}
                  </Box>
                }
                secondary={`first seen ${
                  formatRelativeTime(version.firstSeenAt) ?? version.firstSeenAt
                }`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}

function TemplatePageContent(props: { namespace: string; name: string }) {
  const { namespace, name } = props;
  const environmentsApi = useApi(environmentsApiRef);
  const templatesLink = useRouteRef(templatesRouteRef);
  const [adding, setAdding] = useState(false);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => environmentsApi.getTemplate(namespace, name),
    [environmentsApi, namespace, name],
  );

  if (!value && loading) {
    return (
      <Frame title={name}>
        <Progress />
      </Frame>
    );
  }

  if (!value && isNotFoundError(error)) {
    return (
      <Frame title={name}>
        <EmptyState
          missing="data"
          title={`No service template named ${namespace}/${name}`}
          description="It may have been removed from the catalog, or the name is misspelled."
          action={
            templatesLink && (
              <LinkButton
                variant="outlined"
                color="primary"
                to={templatesLink()}
              >
                All service templates
              </LinkButton>
            )
          }
        />
      </Frame>
    );
  }

  if (!value) {
    return (
      <Frame title={name}>
        <ErrorWithRetry
          error={error ?? new Error('Unknown error')}
          onRetry={retry}
        />
      </Frame>
    );
  }

  const { template } = value;
  const deprecated = template.lifecycle === 'deprecated';
  const newest = value.versions.find(v => v.lifecycle !== 'deprecated');

  return (
    <Frame
      title={template.title}
      subtitle={template.ref}
      labels={[
        { label: t('templatePage.version'), value: template.version },
        { label: t('templatePage.lifecycle'), value: template.lifecycle },
        {
          label: t('templatePage.owner'),
          value: (
            <EntityRefLink
              entityRef={template.owner}
              defaultKind="group"
              color="inherit"
            />
          ),
        },
      ]}
    >
      <Grid container spacing={3}>
        {deprecated && (
          <Grid item xs={12}>
            <Alert severity="warning" role="alert">
              <AlertTitle>This template is deprecated</AlertTitle>
              Services created from it keep running, but new services should
              start from another template
              {newest && newest.version !== template.version
                ? ` (version ${newest.version} is not deprecated)`
                : ''}
              . See its links for how to migrate.
            </Alert>
          </Grid>
        )}
        <Grid item xs={12}>
          <Box
            display="flex"
            justifyContent="flex-end"
            alignItems="center"
            style={{ gap: 8 }}
          >
            <LifecycleChip lifecycle={template.lifecycle} />
            <Button
              variant="contained"
              color="primary"
              startIcon={<AddIcon />}
              onClick={() => setAdding(true)}
            >
              {t('templatePage.addToEnvironment')}
            </Button>
          </Box>
        </Grid>
        <Grid item xs={12} md={8}>
          <AboutCard details={value} />
        </Grid>
        <Grid item xs={12} md={4}>
          <VersionsCard details={value} />
        </Grid>
        <Grid item xs={12}>
          <ParametersTable schema={template.parameters} />
        </Grid>
        <Grid item xs={12}>
          <UsageTable usage={value.usage} />
        </Grid>
      </Grid>
      <AddServiceDialog
        open={adding}
        onClose={() => setAdding(false)}
        template={template}
      />
    </Frame>
  );
}

/**
 * One service template, at `/environments/templates/:namespace/:name`:
 * description, links, owner, parameters, versions, where it is used, and
 * "Add to environment".
 */
export function TemplatePage() {
  const { namespace, name } = useRouteRefParams(templateRouteRef);
  return (
    <TemplatePageContent
      key={`${namespace}/${name}`}
      namespace={namespace}
      name={name}
    />
  );
}
