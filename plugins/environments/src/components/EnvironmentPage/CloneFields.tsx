import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import Link from '@material-ui/core/Link';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { EnvironmentMode } from '@greenroom/plugin-environments-common';
import { Dispatch, ReactNode, useMemo } from 'react';
import type { ApiService } from '../../api';
import type { NameAvailability } from '../../hooks/useNameAvailability';
import { errorMessage } from '../../lib/errors';
import { EntitySelect } from '../NewEnvironmentPage/EntitySelect';
import { errorFor, fieldErrorsOf } from '../NewEnvironmentPage/formModel';
import {
  ModeOptions,
  PRODUCTION_DENIED_HELP,
} from '../NewEnvironmentPage/ModeOptions';
import { ownerHelp } from '../NewEnvironmentPage/owners';
import type { EntityChoice } from '../NewEnvironmentPage/useCatalogChoices';
import {
  CloneFormAction,
  CloneFormState,
  validateCloneForm,
} from './cloneForm';
import { DataPolicyFields } from './DataPolicyFields';
import { ShareLeftOutFields } from './ShareLeftOutFields';

/**
 * The fields of the clone dialog: name (checked live), mode, owner, time to
 * live, the data of each database, services and whether those left out are
 * shared.
 */
export function CloneFields(props: {
  state: CloneFormState;
  dispatch: Dispatch<CloneFormAction>;
  source: string;
  /** Every service of the source environment. */
  allServices: string[];
  /** The source's database services. */
  databases: ApiService[];
  availability?: NameAvailability;
  owners: EntityChoice[];
  isAdmin: boolean;
  productionAllowed: boolean;
}) {
  const { state, dispatch, allServices, availability, owners } = props;
  const { isAdmin, productionAllowed } = props;
  const { name, mode, owner, ttl, services, error } = state;
  const { nameProblem, ttlProblem } = validateCloneForm(state, availability);
  // The backend names the field of a 400, 403 or 409: show it there too.
  const fields = useMemo(
    () => (error === undefined ? [] : fieldErrorsOf(errorMessage(error))),
    [error],
  );
  const fieldError = (path: string) => errorFor(fields, path);

  let nameHelp: ReactNode = undefined;
  if (nameProblem) {
    nameHelp = (
      <>
        {nameProblem.message}
        {nameProblem.suggestion && (
          <>
            {' '}
            <Link
              component="button"
              type="button"
              onClick={() =>
                dispatch({ type: 'name', value: nameProblem.suggestion! })
              }
            >
              Use {nameProblem.suggestion}
            </Link>
          </>
        )}
      </>
    );
  } else if (availability === 'taken') {
    nameHelp = `An environment named ${name} already exists`;
  } else if (availability === 'checking') {
    nameHelp = 'Checking whether the name is free…';
  } else if (availability === 'free') {
    nameHelp = `${name} is free`;
  }

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <TextField
        id="clone-name"
        label="Name"
        variant="outlined"
        size="small"
        fullWidth
        value={name}
        onChange={event =>
          dispatch({ type: 'name', value: event.target.value })
        }
        error={
          Boolean(nameProblem || fieldError('name')) || availability === 'taken'
        }
        helperText={fieldError('name') ?? nameHelp}
        inputProps={{ autoComplete: 'off', spellCheck: false }}
      />
      <TextField
        id="clone-mode"
        select
        label="Mode"
        variant="outlined"
        size="small"
        fullWidth
        value={mode}
        onChange={event =>
          dispatch({
            type: 'mode',
            mode: event.target.value as EnvironmentMode,
          })
        }
        error={Boolean(fieldError('mode'))}
        helperText={
          fieldError('mode') ??
          (productionAllowed ? undefined : PRODUCTION_DENIED_HELP)
        }
        SelectProps={{ native: true }}
      >
        <ModeOptions productionAllowed={productionAllowed} />
      </TextField>
      <EntitySelect
        id="clone-owner"
        label="Owner"
        // Unmarked, as the other fields of the dialog.
        required={false}
        placeholder="Choose a group"
        value={owner}
        choices={owners}
        error={fieldError('owner')}
        helperText={ownerHelp(owners, isAdmin)}
        onChange={value => dispatch({ type: 'owner', value })}
      />
      <TextField
        id="clone-ttl"
        label="Time to live"
        variant="outlined"
        size="small"
        fullWidth
        value={ttl}
        onChange={event => dispatch({ type: 'ttl', value: event.target.value })}
        error={Boolean(ttlProblem || fieldError('ttl'))}
        helperText={
          ttlProblem ??
          fieldError('ttl') ??
          'e.g. 3d; empty keeps the mode’s default'
        }
      />
      <DataPolicyFields
        state={state}
        dispatch={dispatch}
        source={props.source}
        allServices={allServices}
        databases={props.databases}
        fieldError={fieldError}
      />
      <FormControl
        component="fieldset"
        error={services.length === 0 || Boolean(fieldError('services'))}
      >
        <FormLabel component="legend">Services</FormLabel>
        <FormGroup>
          {allServices.map(service => (
            <FormControlLabel
              key={service}
              control={
                <Checkbox
                  color="primary"
                  checked={services.includes(service)}
                  onChange={event =>
                    dispatch({
                      type: 'service',
                      service,
                      checked: event.target.checked,
                      all: allServices,
                    })
                  }
                />
              }
              label={service}
            />
          ))}
        </FormGroup>
        {services.length === 0 && (
          <Typography variant="caption" color="error">
            Pick at least one service
          </Typography>
        )}
        {fieldError('services') && (
          <Typography variant="caption" color="error">
            {fieldError('services')}
          </Typography>
        )}
      </FormControl>
      <ShareLeftOutFields
        state={state}
        dispatch={dispatch}
        source={props.source}
        allServices={allServices}
        databases={props.databases.map(service => service.name)}
      />
    </Box>
  );
}
