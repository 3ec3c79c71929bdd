import { InfoCard, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { PreviewQuotaResponse } from '../../api';
import { errorMessage } from '../../lib/errors';
import { environmentsTranslationRef } from '../../translation';
import { QuotaUsageTable } from './QuotaUsageTable';

/** Props of {@link PreviewQuotaCard}: the report as it loads. */
export interface PreviewQuotaCardProps {
  /** Undefined while it loads. */
  quota?: PreviewQuotaResponse;
  error?: Error;
}

function QuotaContent(props: PreviewQuotaCardProps) {
  const { quota, error } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  if (error) {
    return (
      <Typography variant="body2" color="error">
        {t('previewQuota.loadError', { message: errorMessage(error) })}
      </Typography>
    );
  }
  if (!quota) {
    return <Progress />;
  }
  if (!quota.configured) {
    return (
      <>
        <Typography variant="subtitle2">
          {t('previewQuota.notConfiguredTitle')}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {t('previewQuota.notConfiguredDescription')}
        </Typography>
      </>
    );
  }
  if (quota.systems.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('previewQuota.noPreviews')}
      </Typography>
    );
  }
  const scopes = [
    {
      label: t('previewQuota.systems'),
      refHeading: t('previewQuota.system'),
      defaultKind: 'system',
      usages: quota.systems,
    },
    {
      label: t('previewQuota.teams'),
      refHeading: t('previewQuota.team'),
      defaultKind: 'group',
      usages: quota.teams,
    },
  ] as const;
  return (
    <Grid container spacing={2}>
      {scopes.map(scope => (
        <Grid item xs={12} md={6} key={scope.defaultKind}>
          <QuotaUsageTable {...scope} />
        </Grid>
      ))}
    </Grid>
  );
}

/**
 * How full the preview quotas are, per system and per team: running of
 * limit, queued, and the preview each full quota would stop first.
 */
export function PreviewQuotaCard(props: PreviewQuotaCardProps) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <InfoCard
      title={t('previewQuota.title')}
      subheader={t('previewQuota.subheader')}
    >
      <QuotaContent {...props} />
    </InfoCard>
  );
}
