import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import ReplayIcon from '@material-ui/icons/Replay';
import {
  DriftFinding,
  environmentUpdatePermission,
} from '@greenroom/plugin-environments-common';
import { useState } from 'react';
import {
  ApiEnvironment,
  environmentsApiRef,
  OperationResponse,
} from '../../api';
import { errorMessage, errorTitle } from '../../lib/errors';
import { environmentsTranslationRef } from '../../translation';
import { ActionButton } from './ActionButton';

function DriftItem(props: { finding: DriftFinding }) {
  const { resource, service, change, detail } = props.finding;
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <li data-testid={`drift-${resource}`}>
      <code>{resource}</code>
      {service && ` ${t('driftCard.ofService', { service })}`}
      {': '}
      <strong>{t(`driftCard.changes.${change}`)}</strong>
      {detail && ` (${detail})`}
    </li>
  );
}

/**
 * What the runtime changed behind Greenroom's back (objects deleted or
 * edited directly), with a "Re-apply" that queues an update putting them
 * back. Shows nothing when nothing drifted.
 */
export function DriftCard(props: {
  environment: ApiEnvironment;
  /** Whether an operation runs: a re-apply would queue behind it. */
  busy: boolean;
  /** Called with the backend's answer once the re-apply was accepted. */
  onAccepted: (response: OperationResponse) => void;
}) {
  const { environment, busy, onAccepted } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const environmentsApi = useApi(environmentsApiRef);
  const update = usePermission({
    permission: environmentUpdatePermission,
    resourceRef: environment.name,
  });
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>();

  const drift = environment.observation?.drift ?? [];
  if (drift.length === 0) {
    return null;
  }

  let disabledReason: string | undefined;
  if (sending) {
    disabledReason = t('driftCard.reapplying');
  } else if (busy) {
    disabledReason = t('driftCard.busy');
  } else if (update.loading) {
    disabledReason = t('common.checkingPermissions');
  } else if (!update.allowed) {
    disabledReason = t('driftCard.notAllowed');
  } else if (environment.desiredState !== 'running') {
    disabledReason = t('driftCard.notRunning');
  }

  async function reapply() {
    setSending(true);
    setError(undefined);
    try {
      onAccepted(await environmentsApi.reapplyEnvironment(environment.name));
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  }

  return (
    <Alert
      severity="warning"
      data-testid="drift-card"
      action={
        <ActionButton
          id="reapply"
          label={t('driftCard.reapply')}
          icon={<ReplayIcon />}
          disabledReason={disabledReason}
          onClick={reapply}
        />
      }
    >
      <AlertTitle>{t('driftCard.title', { count: drift.length })}</AlertTitle>
      {t('driftCard.description')}
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {drift.map(finding => (
          <DriftItem
            key={`${finding.resource}:${finding.change}`}
            finding={finding}
          />
        ))}
      </ul>
      {error !== undefined && (
        <Box mt={1}>
          <Alert severity="error" onClose={() => setError(undefined)}>
            <AlertTitle>
              {errorTitle(error, {
                byStatus: {
                  409: t('driftCard.errors.notMeantToRun'),
                  403: t('common.notAllowed'),
                },
                fallback: t('driftCard.errors.fallback'),
              })}
            </AlertTitle>
            {errorMessage(error)}
          </Alert>
        </Box>
      )}
    </Alert>
  );
}
