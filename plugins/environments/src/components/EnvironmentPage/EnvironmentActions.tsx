import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import FileCopyIcon from '@material-ui/icons/FileCopy';
import DeleteIcon from '@material-ui/icons/Delete';
import ScheduleIcon from '@material-ui/icons/Schedule';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import StopIcon from '@material-ui/icons/Stop';
import Alert from '@material-ui/lab/Alert';
import {
  environmentClonePermission,
  environmentCreatePermission,
  environmentDeletePermission,
  environmentLifecyclePermission,
} from '@greenroom/plugin-environments-common';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  ApiEnvironment,
  environmentsApiRef,
  OperationResponse,
} from '../../api';
import {
  LifecycleAction,
  LifecycleBlocker,
  lifecycleBlockers,
  sharedBaseConflict,
} from '../../lib/actions';
import { errorMessage } from '../../lib/errors';
import { environmentsTranslationRef } from '../../translation';
import { ActionButton } from './ActionButton';
import { CloneDialog } from './CloneDialog';
import { ConfirmDestroyDialog } from './ConfirmDestroyDialog';
import { ConfirmStopDialog } from './ConfirmStopDialog';
import { ExtendDialog } from './ExtendDialog';

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    justifyContent: 'flex-end',
  },
  destroy: {
    color: theme.palette.error.main,
    borderColor: theme.palette.error.main,
  },
}));

/** A permission as `usePermission` answers it. */
type Permission = { loading: boolean; allowed: boolean };

/**
 * Stop, Start, Clone and Destroy. Each is disabled, with the reason in a tooltip,
 * when the user may not take it or the environment's state makes it
 * meaningless. Stopping production or an environment others share, and any
 * destroy, ask first; confirming goes ahead although others share it.
 */
export function EnvironmentActions(props: {
  environment: ApiEnvironment;
  /** Called with the backend's answer after an action was accepted. */
  onAccepted: (response: OperationResponse) => void;
}) {
  const { environment, onAccepted } = props;
  const { name } = environment;
  const sharedWith = environment.sharedWith ?? [];
  const classes = useStyles();
  const { t } = useTranslationRef(environmentsTranslationRef);
  const environmentsApi = useApi(environmentsApiRef);
  const lifecycle = usePermission({
    permission: environmentLifecyclePermission,
    resourceRef: name,
  });
  const remove = usePermission({
    permission: environmentDeletePermission,
    resourceRef: name,
  });
  const [pending, setPending] = useState<LifecycleAction | 'extend'>();
  // Extend shows its refusals in its dialog.
  const [error, setError] = useState<{
    action: LifecycleAction;
    message: string;
  }>();
  const clonePermission = usePermission({
    permission: environmentClonePermission,
    resourceRef: name,
  });
  const createPermission = usePermission({
    permission: environmentCreatePermission,
  });
  // An expiry notification links here with ?action=extend.
  const [searchParams, setSearchParams] = useSearchParams();
  type Dialog = 'stop' | 'destroy' | 'clone' | 'extend';
  const [dialog, setDialog] = useState<Dialog | undefined>(
    searchParams.get('action') === 'extend' ? 'extend' : undefined,
  );
  // The backend's refusal to stop or destroy what others began to share.
  const [conflict, setConflict] = useState<string>();
  const closeDialog = () => {
    setDialog(undefined);
    setConflict(undefined);
    if (searchParams.has('action')) {
      searchParams.delete('action');
      setSearchParams(searchParams, { replace: true });
    }
  };

  const blockers = lifecycleBlockers(environment);
  const blocker = (code: LifecycleBlocker | undefined) =>
    code && t(`environmentActions.blockers.${code}`);
  const verb = (action: LifecycleAction | 'extend' | 'clone') =>
    t(`environmentActions.verbs.${action}`);

  /** Why the user may not take the action now, in the order they would fix it. */
  function reason(
    action: LifecycleAction | 'extend',
    permission: Permission,
  ): string | undefined {
    if (pending) {
      return t('environmentActions.waitingFor', { action: verb(pending) });
    }
    if (permission.loading) {
      return t('common.checkingPermissions');
    }
    if (!permission.allowed) {
      return t('environmentActions.notAllowedTo', { action: verb(action) });
    }
    return blocker(blockers[action === 'extend' ? 'destroy' : action]);
  }

  /** Cloning needs both: clone this environment, and create one. */
  function cloneReason(): string | undefined {
    if (clonePermission.loading || createPermission.loading) {
      return t('common.checkingPermissions');
    }
    if (!clonePermission.allowed) {
      return t('environmentActions.notAllowedTo', { action: verb('clone') });
    }
    if (!createPermission.allowed) {
      return t('environmentActions.notAllowedToCreate');
    }
    return blocker(blockers.destroy);
  }

  /**
   * Takes the action; `force` once the user confirmed in a dialog that named
   * the environments sharing this one. A refusal because others share it
   * opens that dialog with the backend's reason.
   */
  async function run(action: LifecycleAction, force = false) {
    closeDialog();
    setPending(action);
    setError(undefined);
    try {
      const call = {
        stop: () => environmentsApi.stopEnvironment(name, { force }),
        start: () => environmentsApi.startEnvironment(name),
        destroy: () => environmentsApi.destroyEnvironment(name, { force }),
      }[action];
      onAccepted(await call());
    } catch (e) {
      const shared = sharedBaseConflict(e);
      if (shared && action !== 'start') {
        setConflict(shared);
        setDialog(action);
      } else {
        setError({ action, message: errorMessage(e) });
      }
    } finally {
      setPending(undefined);
    }
  }

  /** Confirmed in its dialog: forced when the dialog said who shares it. */
  const confirm = (action: 'stop' | 'destroy') =>
    run(action, sharedWith.length > 0 || conflict !== undefined);

  /** Extends from the dialog, which stays open and shows a refusal. */
  async function extend(by: string) {
    setPending('extend');
    setError(undefined);
    try {
      const response = await environmentsApi.extendEnvironment(name, by);
      closeDialog();
      onAccepted(response);
    } finally {
      setPending(undefined);
    }
  }

  return (
    <Box>
      <div className={classes.actions}>
        <ActionButton
          id="stop"
          label={t('environmentActions.stop')}
          icon={<StopIcon />}
          disabledReason={reason('stop', lifecycle)}
          onClick={() =>
            environment.mode === 'production' || sharedWith.length > 0
              ? setDialog('stop')
              : run('stop')
          }
        />
        <ActionButton
          id="start"
          label={t('environmentActions.start')}
          icon={<PlayArrowIcon />}
          disabledReason={reason('start', lifecycle)}
          onClick={() => run('start')}
        />
        {(environment.expiresAt || dialog === 'extend') && (
          <ActionButton
            id="extend"
            label={t('environmentActions.extend')}
            icon={<ScheduleIcon />}
            disabledReason={
              environment.mode === 'production'
                ? t('environmentActions.productionNeverExpires')
                : reason('extend', lifecycle)
            }
            onClick={() => setDialog('extend')}
          />
        )}
        <ActionButton
          id="clone"
          label={t('environmentActions.clone')}
          icon={<FileCopyIcon />}
          disabledReason={cloneReason()}
          onClick={() => setDialog('clone')}
        />
        <ActionButton
          id="destroy"
          label={t('environmentActions.destroy')}
          icon={<DeleteIcon />}
          disabledReason={reason('destroy', remove)}
          onClick={() => setDialog('destroy')}
          className={classes.destroy}
        />
      </div>
      {error && (
        <Box mt={1}>
          <Alert severity="error" onClose={() => setError(undefined)}>
            {t('environmentActions.failed', {
              action: verb(error.action),
              name,
              message: error.message,
            })}
          </Alert>
        </Box>
      )}
      <ExtendDialog
        name={name}
        expiresAt={environment.expiresAt}
        open={dialog === 'extend'}
        onCancel={closeDialog}
        onConfirm={extend}
      />
      <ConfirmStopDialog
        name={name}
        production={environment.mode === 'production'}
        sharedWith={sharedWith}
        conflict={conflict}
        open={dialog === 'stop'}
        onCancel={closeDialog}
        onConfirm={() => confirm('stop')}
      />
      <CloneDialog
        environment={environment}
        open={dialog === 'clone'}
        onClose={() => setDialog(undefined)}
      />
      <ConfirmDestroyDialog
        name={name}
        sharedWith={sharedWith}
        conflict={conflict}
        open={dialog === 'destroy'}
        onCancel={closeDialog}
        onConfirm={() => confirm('destroy')}
      />
    </Box>
  );
}
