import {
  EmptyState,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  environmentCreatePermission,
  environmentsAdminPermission,
} from '@greenroom/plugin-environments-common';
import { FormEvent, useMemo, useReducer, useState } from 'react';
import { environmentsTranslationRef } from '../../translation';
import { environmentsApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { newIdempotencyKey } from '../../lib/idempotencyKey';
import { useNavigate } from '../../lib/router';
import { environmentRouteRef, rootRouteRef } from '../../routes';
import { PageFrame } from '../PageFrame';
import { EnvironmentCard } from './EnvironmentCard';
import { buildEnvironmentInput, errorFor } from './formModel';
import {
  initialNewEnvironmentState,
  newEnvironmentReducer,
  validateNewEnvironment,
} from './formState';
import { useProductionAllowed } from './ModeOptions';
import { ownerChoices } from './owners';
import { PolicyCard } from './PolicyCard';
import { ServicesCard } from './ServicesCard';
import { CatalogChoices, useCatalogChoices } from './useCatalogChoices';

/** The form, once the catalog choices and the user's permissions are known. */
function NewEnvironmentForm(props: {
  choices: CatalogChoices;
  isAdmin: boolean;
  productionAllowed: boolean;
}) {
  const { choices, isAdmin, productionAllowed } = props;
  const owners = useMemo(
    () =>
      ownerChoices({
        groups: choices.groups,
        memberOf: choices.memberOf,
        isAdmin,
      }),
    [choices.groups, choices.memberOf, isAdmin],
  );
  const environmentsApi = useApi(environmentsApiRef);
  const environmentLink = useRouteRef(environmentRouteRef);
  const rootLink = useRouteRef(rootRouteRef);
  const navigate = useNavigate();
  const [state, dispatch] = useReducer(
    newEnvironmentReducer,
    choices.memberOf[0] ?? '',
    initialNewEnvironmentState,
  );
  const [idempotencyKey] = useState(newIdempotencyKey);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { nameProblem, rowChecks, idleProblem, ttlProblem, valid } =
    validateNewEnvironment(state);
  const { serverError, submitting, submitted } = state;

  const fieldError = (path: string, exclude?: string[]) =>
    serverError ? errorFor(serverError.fields, path, exclude) : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    dispatch({ type: 'submit' });
    if (!valid || submitting) {
      return;
    }
    const input = buildEnvironmentInput(state);
    try {
      const response = await environmentsApi.createEnvironment(input, {
        idempotencyKey,
      });
      const created = response.environment?.name ?? input.name;
      if (environmentLink) {
        navigate(environmentLink({ name: created }));
      } else {
        dispatch({ type: 'settled' });
      }
    } catch (error) {
      dispatch({ type: 'failed', message: errorMessage(error) });
    }
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="New environment"
      // The backend's messages name config keys (environments.limits.…)
      // that are longer than a narrow field: let them wrap anywhere.
      style={{ overflowWrap: 'anywhere' }}
    >
      <Grid container spacing={3}>
        <Grid item xs={12} lg={6}>
          <EnvironmentCard
            state={state}
            dispatch={dispatch}
            nameProblem={nameProblem}
            fieldError={fieldError}
            systems={choices.systems}
            owners={owners}
            isAdmin={isAdmin}
            productionAllowed={productionAllowed}
          />
        </Grid>
        <Grid item xs={12} lg={6}>
          <PolicyCard
            state={state}
            dispatch={dispatch}
            idleError={idleProblem ?? fieldError('policy', ['policy.ttl'])}
            // `ttl` is short for `policy.ttl`: both belong to "Delete after".
            ttlError={
              ttlProblem ?? fieldError('ttl') ?? fieldError('policy.ttl')
            }
          />
        </Grid>
        <Grid item xs={12}>
          <ServicesCard
            state={state}
            dispatch={dispatch}
            components={choices.components}
            rowErrors={rowChecks.map(check => check.errors)}
            fieldError={fieldError}
          />
        </Grid>
        {serverError && (
          <Grid item xs={12}>
            <Alert severity="error" role="alert">
              <AlertTitle>{t('newEnvironmentPage.notCreated')}</AlertTitle>
              {serverError.message}
            </Alert>
          </Grid>
        )}
        <Grid item xs={12}>
          <Box display="flex" style={{ gap: 8 }}>
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={submitting || (submitted && !valid)}
            >
              {t(
                submitting
                  ? 'newEnvironmentPage.creating'
                  : 'newEnvironmentPage.createButton',
              )}
            </Button>
            {rootLink && (
              <LinkButton to={rootLink()} variant="text">
                {t('common.cancel')}
              </LinkButton>
            )}
          </Box>
        </Grid>
      </Grid>
    </form>
  );
}

function NewEnvironmentContent() {
  const { value, loading, error } = useCatalogChoices();
  const permission = usePermission({
    permission: environmentCreatePermission,
  });
  const admin = usePermission({ permission: environmentsAdminPermission });
  const productionAllowed = useProductionAllowed();
  const rootLink = useRouteRef(rootRouteRef);
  const { t } = useTranslationRef(environmentsTranslationRef);

  if (
    loading ||
    permission.loading ||
    admin.loading ||
    productionAllowed === undefined
  ) {
    return <Progress />;
  }
  if (!permission.allowed) {
    return (
      <EmptyState
        missing="info"
        title={t('newEnvironmentPage.deniedTitle')}
        description={t('newEnvironmentPage.deniedDescription')}
        action={
          rootLink ? (
            <LinkButton to={rootLink()} variant="outlined" color="primary">
              {t('common.allEnvironments')}
            </LinkButton>
          ) : undefined
        }
      />
    );
  }
  if (error || !value) {
    return (
      <ResponseErrorPanel
        title={t('newEnvironmentPage.catalogError')}
        error={error ?? new Error('No answer from the catalog')}
      />
    );
  }
  return (
    <NewEnvironmentForm
      choices={value}
      isAdmin={admin.allowed}
      productionAllowed={productionAllowed}
    />
  );
}

/**
 * The "New environment" page at `/environments/new`: name, mode, system and
 * owner, Components from the software catalog as services, databases, and
 * the idle and TTL policy.
 */
export function NewEnvironmentPage() {
  const rootLink = useRouteRef(rootRouteRef);
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <PageFrame
      title={t('newEnvironmentPage.title')}
      subtitle={t('newEnvironmentPage.subtitle')}
      parent={
        rootLink && { label: t('common.environments'), href: rootLink() }
      }
    >
      <NewEnvironmentContent />
    </PageFrame>
  );
}
