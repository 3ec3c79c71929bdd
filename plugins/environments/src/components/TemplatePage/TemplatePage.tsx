import { EmptyState, LinkButton, Progress } from '@backstage/core-components';
import {
  useApi,
  useRouteRef,
  useRouteRefParams,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import AddIcon from '@material-ui/icons/Add';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsApiRef } from '../../api';
import { isNotFoundError } from '../../hooks/useEnvironmentDetails';
import { templateRouteRef, templatesRouteRef } from '../../routes';
import { environmentsTranslationRef } from '../../translation';
import { AddServiceDialog } from '../AddServiceDialog';
import { ErrorWithRetry } from '../ListStates';
import { PageFrame, PageFrameProps } from '../PageFrame';
import { LifecycleChip } from '../TemplateChips';
import { AboutCard } from './AboutCard';
import { ParametersTable } from './ParametersTable';
import { UsageTable } from './UsageTable';
import { VersionsCard } from './VersionsCard';

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
          title={t('templatePage.notFoundTitle', {
            ref: `${namespace}/${name}`,
          })}
          description={t('templatePage.notFoundDescription')}
          action={
            templatesLink && (
              <LinkButton
                variant="outlined"
                color="primary"
                to={templatesLink()}
              >
                {t('templatePage.allTemplates')}
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
              <AlertTitle>{t('templatePage.deprecatedTitle')}</AlertTitle>
              {newest && newest.version !== template.version
                ? t('templatePage.deprecatedDescriptionWithNewer', {
                    version: newest.version,
                  })
                : t('templatePage.deprecatedDescription')}
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
