import { EmptyState, LinkButton, Progress } from '@backstage/core-components';
import {
  useRouteRef,
  useRouteRefParams,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import type { ReactNode } from 'react';
import { environmentsTranslationRef } from '../../translation';
import {
  isNotFoundError,
  useEnvironmentDetails,
} from '../../hooks/useEnvironmentDetails';
import { environmentRouteRef, rootRouteRef } from '../../routes';
import { AttentionBanner } from './AttentionBanner';
import { DriftCard } from './DriftCard';
import { EnvironmentCostCard } from './EnvironmentCostCard';
import { EnvironmentActions } from './EnvironmentActions';
import { EnvironmentOverview } from './EnvironmentOverview';
import { ObservationHealthNotice } from './ObservationHealthNotice';
import { OperationsTimeline } from './OperationsTimeline';
import { ServicesTable } from './ServicesTable';
import { SharedServicesCard } from './SharedServicesCard';
import { TemplateUpgradeNotices } from './TemplateUpgradeNotices';
import { AddServiceButton } from '../AddServiceDialog';
import { ErrorWithRetry } from '../ListStates';
import { PageFrame } from '../PageFrame';
import { VariablesCard } from './VariablesCard';

/** Props of {@link EnvironmentPage}. */
export interface EnvironmentPageProps {
  /** How often operations are polled while one runs; for tests. */
  pollIntervalMs?: number;
}

function BackToList() {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const rootLink = useRouteRef(rootRouteRef);
  if (!rootLink) {
    return null;
  }
  return (
    <LinkButton variant="outlined" color="primary" to={rootLink()}>
      {t('common.allEnvironments')}
    </LinkButton>
  );
}

function Frame(props: {
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  const rootLink = useRouteRef(rootRouteRef);
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <PageFrame
      title={props.title}
      subtitle={props.subtitle}
      parent={rootLink && { label: t('common.environments'), href: rootLink() }}
    >
      {props.children}
    </PageFrame>
  );
}

function EnvironmentPageContent(props: {
  name: string;
  pollIntervalMs?: number;
}) {
  const { name, pollIntervalMs } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const details = useEnvironmentDetails(name, { pollIntervalMs });
  const {
    environment,
    operations,
    loading,
    error,
    refreshError,
    gone,
    polling,
    refresh,
    applyOperationResponse,
    applyEnvironment,
  } = details;

  if (!environment && loading) {
    return (
      <Frame title={name}>
        <Progress />
      </Frame>
    );
  }

  if (gone || (!environment && error && isNotFoundError(error))) {
    return (
      <Frame title={name}>
        <EmptyState
          missing="data"
          title={t(
            gone
              ? 'environmentPage.destroyedTitle'
              : 'environmentPage.notFoundTitle',
            { name },
          )}
          description={t(
            gone
              ? 'environmentPage.destroyedDescription'
              : 'environmentPage.notFoundDescription',
          )}
          action={<BackToList />}
        />
      </Frame>
    );
  }

  if (!environment) {
    return (
      <Frame title={name}>
        <ErrorWithRetry
          error={error ?? new Error('Unknown error')}
          onRetry={refresh}
        />
      </Frame>
    );
  }

  return (
    <Frame
      title={environment.title || environment.name}
      subtitle={
        environment.title && environment.title !== environment.name
          ? environment.name
          : undefined
      }
    >
      <Grid container spacing={3}>
        {environment.attention.length > 0 && (
          <Grid item xs={12}>
            <AttentionBanner
              environment={environment}
              onUpdated={applyEnvironment}
            />
          </Grid>
        )}
        {(environment.observation?.drift.length ?? 0) > 0 && (
          <Grid item xs={12}>
            <DriftCard
              environment={environment}
              busy={polling}
              onAccepted={applyOperationResponse}
            />
          </Grid>
        )}
        {(environment.observation?.failures ?? 0) > 0 && (
          <Grid item xs={12}>
            <ObservationHealthNotice environment={environment} />
          </Grid>
        )}
        <Grid item xs={12}>
          <EnvironmentActions
            environment={environment}
            onAccepted={applyOperationResponse}
          />
        </Grid>
        <Grid item xs={12} lg={7}>
          <EnvironmentOverview environment={environment} />
        </Grid>
        <Grid item xs={12} lg={5}>
          <OperationsTimeline
            operations={operations ?? []}
            live={polling}
            refreshError={refreshError}
          />
        </Grid>
        <Grid item xs={12}>
          <TemplateUpgradeNotices
            environment={environment}
            onAccepted={applyOperationResponse}
          />
          <ServicesTable
            environment={environment}
            action={
              <AddServiceButton
                environment={environment}
                onAccepted={applyOperationResponse}
              />
            }
          />
        </Grid>
        {environment.baseline && (
          <Grid item xs={12}>
            <SharedServicesCard environment={environment} />
          </Grid>
        )}
        <Grid item xs={12}>
          <VariablesCard environment={environment} />
        </Grid>
        <Grid item xs={12}>
          <EnvironmentCostCard name={environment.name} />
        </Grid>
      </Grid>
    </Frame>
  );
}

/**
 * One environment, at `/environments/:name`: overview, actions, services
 * (its own and those it shares with a base), variables and the live
 * operations timeline.
 */
export function EnvironmentPage(props: EnvironmentPageProps) {
  const { name } = useRouteRefParams(environmentRouteRef);
  // A new name is a new page: drop the previous environment's state.
  return (
    <EnvironmentPageContent
      key={name}
      name={name}
      pollIntervalMs={props.pollIntervalMs}
    />
  );
}
