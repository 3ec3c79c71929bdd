import { Progress } from '@backstage/core-components';
import {
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { environmentsAdminPermission } from '@greenroom/plugin-environments-common';
import { useMemo, useReducer, useState } from 'react';
import { environmentsTranslationRef } from '../../translation';
import { ApiEnvironment, environmentsApiRef } from '../../api';
import { useNameAvailability } from '../../hooks/useNameAvailability';
import { errorMessage, errorTitle } from '../../lib/errors';
import { newIdempotencyKey } from '../../lib/idempotencyKey';
import { useNavigate } from '../../lib/router';
import { environmentRouteRef } from '../../routes';
import { environmentNameProblem } from '../NewEnvironmentPage/formModel';
import { useProductionAllowed } from '../NewEnvironmentPage/ModeOptions';
import { defaultCloneOwner, ownerChoices } from '../NewEnvironmentPage/owners';
import {
  EntityChoice,
  useGroupChoices,
} from '../NewEnvironmentPage/useCatalogChoices';
import { CloneFields } from './CloneFields';
import {
  cloneFormReducer,
  cloneRequest,
  initialCloneForm,
  validateCloneForm,
} from './cloneForm';
import { ClonePlanView } from './ClonePlanView';

/** The dialog once its choices are loaded: the form, then the dry run. */
function CloneForm(props: {
  environment: ApiEnvironment;
  onClose: () => void;
  /** The groups to offer as the clone's owner. */
  owners: EntityChoice[];
  defaultOwner: string;
  isAdmin: boolean;
  productionAllowed: boolean;
}) {
  const { environment, onClose } = props;
  const source = environment.name;
  const environmentsApi = useApi(environmentsApiRef);
  const environmentLink = useRouteRef(environmentRouteRef);
  const navigate = useNavigate();
  const allServices = environment.services.map(service => service.name);
  const databases = environment.services.filter(
    service => service.kind === 'database' && service.database,
  );
  const [state, dispatch] = useReducer(
    cloneFormReducer,
    { source, services: allServices, owner: props.defaultOwner },
    initialCloneForm,
  );
  const [idempotencyKey] = useState(newIdempotencyKey);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { plan, busy, error } = state;
  const availability = useNameAvailability(
    state.name,
    !environmentNameProblem(state.name),
  );
  const { valid } = validateCloneForm(state, availability);

  async function preview() {
    dispatch({ type: 'request' });
    try {
      const answer = await environmentsApi.cloneEnvironment(source, {
        ...cloneRequest(state, allServices),
        dryRun: true,
      });
      dispatch({ type: 'planned', plan: answer });
    } catch (e) {
      dispatch({ type: 'failed', error: e });
    }
  }

  async function clone() {
    dispatch({ type: 'request' });
    try {
      const response = await environmentsApi.cloneEnvironment(
        source,
        cloneRequest(state, allServices),
        { idempotencyKey },
      );
      onClose();
      if (environmentLink) {
        navigate(
          environmentLink({ name: response.environment?.name ?? state.name }),
        );
      }
    } catch (e) {
      dispatch({ type: 'failed', error: e });
    }
  }

  return (
    <>
      <DialogTitle id="clone-dialog-title">
        {t('cloneDialog.title', { name: source })}
      </DialogTitle>
      {/* The backend's messages name long config keys: wrap them anywhere. */}
      <DialogContent style={{ overflowWrap: 'anywhere' }}>
        {plan ? (
          <ClonePlanView plan={plan} source={source} />
        ) : (
          <CloneFields
            state={state}
            dispatch={dispatch}
            source={source}
            allServices={allServices}
            databases={databases}
            availability={availability}
            owners={props.owners}
            isAdmin={props.isAdmin}
            productionAllowed={props.productionAllowed}
          />
        )}
        {error !== undefined && (
          <Box mt={2}>
            <Alert severity="error">
              <AlertTitle>
                {errorTitle(error, {
                  byStatus: {
                    409: t('cloneDialog.errors.nameTaken'),
                    400: t('cloneDialog.errors.refused'),
                    403: t('common.notAllowed'),
                  },
                  fallback: t('cloneDialog.errors.fallback'),
                })}
              </AlertTitle>
              {errorMessage(error)}
            </Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        {plan ? (
          <>
            <Button disabled={busy} onClick={() => dispatch({ type: 'back' })}>
              {t('cloneDialog.backButton')}
            </Button>
            <Button
              color="primary"
              variant="contained"
              disabled={busy}
              onClick={clone}
            >
              {t('cloneDialog.cloneButton')}
            </Button>
          </>
        ) : (
          <Button
            color="primary"
            variant="contained"
            disabled={!valid || busy}
            onClick={preview}
          >
            {t('cloneDialog.previewButton')}
          </Button>
        )}
      </DialogActions>
    </>
  );
}

/**
 * Loads what the form offers: the owners the user may choose (their groups,
 * or every group for an admin) and whether production is allowed.
 */
function CloneFormLoader(props: {
  environment: ApiEnvironment;
  onClose: () => void;
}) {
  const { environment, onClose } = props;
  const groups = useGroupChoices();
  const admin = usePermission({ permission: environmentsAdminPermission });
  const productionAllowed = useProductionAllowed();
  const { t } = useTranslationRef(environmentsTranslationRef);
  const owners = useMemo(
    () =>
      groups.value
        ? ownerChoices({ ...groups.value, isAdmin: admin.allowed })
        : [],
    [groups.value, admin.allowed],
  );

  if (groups.error) {
    return (
      <>
        <DialogTitle id="clone-dialog-title">
          {t('cloneDialog.title', { name: environment.name })}
        </DialogTitle>
        <DialogContent>
          <Alert severity="error">
            <AlertTitle>{t('cloneDialog.groupsError')}</AlertTitle>
            {errorMessage(groups.error)}
          </Alert>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </DialogActions>
      </>
    );
  }
  if (!groups.value || admin.loading || productionAllowed === undefined) {
    return (
      <>
        <DialogTitle id="clone-dialog-title">
          {t('cloneDialog.title', { name: environment.name })}
        </DialogTitle>
        <DialogContent>
          <Progress />
        </DialogContent>
      </>
    );
  }
  return (
    <CloneForm
      environment={environment}
      onClose={onClose}
      owners={owners}
      defaultOwner={defaultCloneOwner(
        environment.owner,
        groups.value.memberOf,
        admin.allowed,
      )}
      isAdmin={admin.allowed}
      productionAllowed={productionAllowed}
    />
  );
}

/**
 * Clones an environment in two steps: the form (name checked live, mode,
 * owner, time to live, the data of each database, services and what is
 * shared with the source), then the dry run's diff; confirming
 * creates the clone and opens its page, where its operation shows live.
 */
export function CloneDialog(props: {
  environment: ApiEnvironment;
  open: boolean;
  onClose: () => void;
}) {
  const { environment, open, onClose } = props;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby="clone-dialog-title"
      fullWidth
      // Wide enough for a copy's rules and preview rows.
      maxWidth="md"
    >
      {open && <CloneFormLoader environment={environment} onClose={onClose} />}
    </Dialog>
  );
}
