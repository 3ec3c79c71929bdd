import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
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
import { ReactElement, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  ApiEnvironment,
  environmentsApiRef,
  OperationResponse,
} from '../../api';
import { LifecycleAction, lifecycleBlockers } from '../../lib/actions';
import { errorMessage } from '../../lib/errors';
import { CloneDialog } from './CloneDialog';
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
  destroyConfirm: {
    color: theme.palette.error.contrastText,
    backgroundColor: theme.palette.error.main,
    '&:hover': {
      backgroundColor: theme.palette.error.dark,
    },
  },
}));

const VERBS: Record<LifecycleAction | 'extend', string> = {
  stop: 'stop',
  start: 'start',
  destroy: 'destroy',
  extend: 'extend',
};

/**
 * A button that explains itself when disabled: the tooltip sits on a
 * wrapper, since a disabled button gets no pointer events.
 */
function ActionButton(props: {
  label: string;
  icon: ReactElement;
  disabledReason?: string;
  onClick: () => void;
  className?: string;
}) {
  const { label, icon, disabledReason, onClick, className } = props;
  const button = (
    <Button
      variant="outlined"
      startIcon={icon}
      disabled={Boolean(disabledReason)}
      onClick={onClick}
      className={disabledReason ? undefined : className}
    >
      {label}
    </Button>
  );
  if (!disabledReason) {
    return button;
  }
  return (
    <Tooltip title={disabledReason}>
      <span data-testid={`${label.toLocaleLowerCase('en-US')}-disabled`}>
        {button}
      </span>
    </Tooltip>
  );
}

/** Asks before stopping a production environment. */
function ConfirmStopDialog(props: {
  name: string;
  open: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { name, open, onCancel, onConfirm } = props;
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby="stop-dialog-title">
      <DialogTitle id="stop-dialog-title">
        Stop production environment {name}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          Every service of {name} goes offline until the environment is started
          again. Policies never stop production; only you can.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button color="primary" variant="contained" onClick={onConfirm}>
          Stop production
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Destroying needs the name typed in, so it is never a slip. */
function ConfirmDestroyDialog(props: {
  name: string;
  open: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { name, open, onCancel, onConfirm } = props;
  const classes = useStyles();
  const [typed, setTyped] = useState('');
  const confirmed = typed.trim() === name;
  const close = () => {
    setTyped('');
    onCancel();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby="destroy-dialog-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="destroy-dialog-title">Destroy {name}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          This deletes every service and database of the environment, with their
          data. It cannot be undone. Type <strong>{name}</strong> to confirm.
        </DialogContentText>
        <TextField
          id="destroy-environment-confirm-name"
          fullWidth
          variant="outlined"
          size="small"
          label="Environment name"
          value={typed}
          onChange={event => setTyped(event.target.value)}
          onKeyDown={event => {
            if (event.key === 'Enter' && confirmed) {
              setTyped('');
              onConfirm();
            }
          }}
          inputProps={{ autoComplete: 'off', spellCheck: false }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button
          variant="contained"
          disabled={!confirmed}
          className={confirmed ? classes.destroyConfirm : undefined}
          onClick={() => {
            setTyped('');
            onConfirm();
          }}
        >
          Destroy
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * Stop, Start, Clone and Destroy. Each is disabled, with the reason in a tooltip,
 * when the user may not take it or the environment's state makes it
 * meaningless.
 */
export function EnvironmentActions(props: {
  environment: ApiEnvironment;
  /** Called with the backend's answer after an action was accepted. */
  onAccepted: (response: OperationResponse) => void;
}) {
  const { environment, onAccepted } = props;
  const { name } = environment;
  const classes = useStyles();
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
  const closeDialog = () => {
    setDialog(undefined);
    if (searchParams.has('action')) {
      searchParams.delete('action');
      setSearchParams(searchParams, { replace: true });
    }
  };

  const blockers = lifecycleBlockers(environment);

  function reason(
    action: LifecycleAction,
    permission: { loading: boolean; allowed: boolean },
  ): string | undefined {
    if (pending) {
      return `Waiting for the ${VERBS[pending]} request to be accepted`;
    }
    if (permission.loading) {
      return 'Checking your permissions…';
    }
    if (!permission.allowed) {
      return `You are not allowed to ${VERBS[action]} this environment`;
    }
    return blockers[action];
  }

  function extendReason(): string | undefined {
    if (environment.mode === 'production') return 'Production never expires';
    if (pending)
      return `Waiting for the ${VERBS[pending]} request to be accepted`;
    if (lifecycle.loading) return 'Checking your permissions…';
    if (!lifecycle.allowed)
      return 'You are not allowed to extend this environment';
    return blockers.destroy;
  }

  /** Cloning needs both: clone this environment, and create one. */
  function cloneReason(): string | undefined {
    if (clonePermission.loading || createPermission.loading) {
      return 'Checking your permissions…';
    }
    if (!clonePermission.allowed) {
      return 'You are not allowed to clone this environment';
    }
    if (!createPermission.allowed) {
      return 'You are not allowed to create environments';
    }
    if (blockers.destroy) {
      return blockers.destroy;
    }
    return undefined;
  }

  async function run(action: LifecycleAction) {
    closeDialog();
    setPending(action);
    setError(undefined);
    try {
      const call = {
        stop: () => environmentsApi.stopEnvironment(name),
        start: () => environmentsApi.startEnvironment(name),
        destroy: () => environmentsApi.destroyEnvironment(name),
      }[action];
      onAccepted(await call());
    } catch (e) {
      setError({ action, message: errorMessage(e) });
    } finally {
      setPending(undefined);
    }
  }

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
          label="Stop"
          icon={<StopIcon />}
          disabledReason={reason('stop', lifecycle)}
          onClick={() =>
            environment.mode === 'production' ? setDialog('stop') : run('stop')
          }
        />
        <ActionButton
          label="Start"
          icon={<PlayArrowIcon />}
          disabledReason={reason('start', lifecycle)}
          onClick={() => run('start')}
        />
        {(environment.expiresAt || dialog === 'extend') && (
          <ActionButton
            label="Extend"
            icon={<ScheduleIcon />}
            disabledReason={extendReason()}
            onClick={() => setDialog('extend')}
          />
        )}
        <ActionButton
          label="Clone"
          icon={<FileCopyIcon />}
          disabledReason={cloneReason()}
          onClick={() => setDialog('clone')}
        />
        <ActionButton
          label="Destroy"
          icon={<DeleteIcon />}
          disabledReason={reason('destroy', remove)}
          onClick={() => setDialog('destroy')}
          className={classes.destroy}
        />
      </div>
      {error && (
        <Box mt={1}>
          <Alert severity="error" onClose={() => setError(undefined)}>
            Could not {VERBS[error.action]} {name}: {error.message}
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
        open={dialog === 'stop'}
        onCancel={() => setDialog(undefined)}
        onConfirm={() => run('stop')}
      />
      <CloneDialog
        environment={environment}
        open={dialog === 'clone'}
        onClose={() => setDialog(undefined)}
      />
      <ConfirmDestroyDialog
        name={name}
        open={dialog === 'destroy'}
        onCancel={() => setDialog(undefined)}
        onConfirm={() => run('destroy')}
      />
    </Box>
  );
}
