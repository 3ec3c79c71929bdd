import { Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useEffect, useState } from 'react';
import {
  environmentsApiRef,
  OperationResponse,
  ServiceUpgradePlan,
} from '../../api';
import { errorMessage, errorTitle } from '../../lib/errors';
import { newIdempotencyKey } from '../../lib/idempotencyKey';
import { environmentsTranslationRef } from '../../translation';
import { SmallTable } from '../SmallTable';

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    overflowWrap: 'anywhere',
  },
  before: {
    color: theme.palette.error.main,
  },
  after: {
    color: theme.palette.success.main,
  },
}));

/** A changed value as the table shows it: `—` when absent. */
export function formatChangeValue(value: unknown): string {
  if (value === undefined || value === null) {
    return '—';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function UpgradeContent(props: {
  environment: string;
  service: string;
  onClose: () => void;
  onAccepted: (response: OperationResponse) => void;
}) {
  const { environment, service, onClose, onAccepted } = props;
  const classes = useStyles();
  const environmentsApi = useApi(environmentsApiRef);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const [plan, setPlan] = useState<ServiceUpgradePlan>();
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [idempotencyKey] = useState(newIdempotencyKey);

  useEffect(() => {
    let cancelled = false;
    environmentsApi
      .upgradeService(environment, service, { dryRun: true })
      .then(
        answer => !cancelled && setPlan(answer),
        e => !cancelled && setError(e),
      )
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [environmentsApi, environment, service]);

  async function upgrade() {
    setBusy(true);
    setError(undefined);
    try {
      const response = await environmentsApi.upgradeService(
        environment,
        service,
        {},
        { idempotencyKey },
      );
      onClose();
      onAccepted(response);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  const errorTitles = {
    byStatus: {
      409: t('upgradeServiceDialog.errors.nothingToUpgrade'),
      403: t('common.notAllowed'),
    },
    fallback: t('upgradeServiceDialog.errors.fallback'),
  };

  return (
    <>
      <DialogTitle id="upgrade-service-dialog-title">
        {plan
          ? t('upgradeServiceDialog.titleFromTo', {
              service,
              from: plan.from,
              to: plan.to,
            })
          : t('upgradeServiceDialog.title', { service })}
      </DialogTitle>
      <DialogContent dividers>
        {loading && <Progress />}
        {plan && (
          <>
            <Typography variant="body2" paragraph>
              {t('upgradeServiceDialog.description', { service, to: plan.to })}
            </Typography>
            {plan.changes.length === 0 ? (
              <Typography variant="body2" data-testid="upgrade-no-changes">
                {t('upgradeServiceDialog.noChanges')}
              </Typography>
            ) : (
              <SmallTable
                label={t('upgradeServiceDialog.changes')}
                columns={[
                  t('upgradeServiceDialog.field'),
                  t('upgradeServiceDialog.before'),
                  t('upgradeServiceDialog.after'),
                ]}
              >
                {plan.changes.map(change => (
                  <TableRow
                    key={change.path}
                    data-testid={`upgrade-change-${change.path}`}
                  >
                    <TableCell className={classes.code}>
                      {change.path}
                    </TableCell>
                    <TableCell className={`${classes.code} ${classes.before}`}>
                      {formatChangeValue(change.before)}
                    </TableCell>
                    <TableCell className={`${classes.code} ${classes.after}`}>
                      {formatChangeValue(change.after)}
                    </TableCell>
                  </TableRow>
                ))}
              </SmallTable>
            )}
          </>
        )}
        {error !== undefined && (
          <Box mt={2}>
            <Alert severity={plan ? 'error' : 'warning'}>
              <AlertTitle>{errorTitle(error, errorTitles)}</AlertTitle>
              {errorMessage(error)}
            </Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!plan || busy}
          onClick={upgrade}
        >
          {t('upgradeServiceDialog.confirm')}
        </Button>
      </DialogActions>
    </>
  );
}

/**
 * Upgrades a service to the latest version of its template in two steps:
 * first the changes (a dry run, before and after), then, when confirmed,
 * the upgrade itself, whose operation shows on the environment's page.
 */
export function UpgradeServiceDialog(props: {
  environment: string;
  /** The service to upgrade; the dialog is open while one is given. */
  service?: string;
  onClose: () => void;
  onAccepted: (response: OperationResponse) => void;
}) {
  const { environment, service, onClose, onAccepted } = props;
  return (
    <Dialog
      open={Boolean(service)}
      onClose={onClose}
      aria-labelledby="upgrade-service-dialog-title"
      fullWidth
      maxWidth="md"
    >
      {service && (
        <UpgradeContent
          key={service}
          environment={environment}
          service={service}
          onClose={onClose}
          onAccepted={onAccepted}
        />
      )}
    </Dialog>
  );
}
