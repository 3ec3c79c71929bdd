import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { BaselineDatabasePolicy } from '@greenroom/plugin-environments-common';
import type { Dispatch, ReactNode } from 'react';
import { environmentsTranslationRef } from '../../translation';
import { CloneFormAction, CloneFormState, sharesLeftOut } from './cloneForm';

function Choice(props: { label: string; help: string }) {
  return (
    <span>
      {props.label}
      <Typography variant="caption" color="textSecondary" component="span">
        {' '}
        — {props.help}
      </Typography>
    </span>
  );
}

/**
 * Once only some services are picked: whether the others are shared with the
 * source instead of left out, and then whether the databases left out are
 * cloned or shared.
 */
export function ShareLeftOutFields(props: {
  state: CloneFormState;
  dispatch: Dispatch<CloneFormAction>;
  source: string;
  allServices: string[];
  /** The source's database services. */
  databases: string[];
}) {
  const { state, dispatch, source, allServices } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { services } = state;
  if (services.length === 0 || services.length === allServices.length) {
    return null;
  }
  const shared = sharesLeftOut(state, allServices);
  const leftOut = props.databases.filter(name => !services.includes(name));
  const databases = leftOut.join(', ');

  let databaseChoice: ReactNode = null;
  if (shared && leftOut.length > 0) {
    databaseChoice = (
      <FormControl component="fieldset">
        <FormLabel component="legend">
          {t('cloneDialog.baselineDatabases')}
        </FormLabel>
        <RadioGroup
          aria-label={t('cloneDialog.baselineDatabases')}
          value={state.baselineDatabases}
          onChange={event =>
            dispatch({
              type: 'baselineDatabases',
              value: event.target.value as BaselineDatabasePolicy,
            })
          }
        >
          <FormControlLabel
            value="clone"
            control={<Radio color="primary" />}
            label={
              <Choice
                label={t('cloneDialog.databasesClone')}
                help={t('cloneDialog.databasesCloneHelp', { databases })}
              />
            }
          />
          <FormControlLabel
            value="share"
            control={<Radio color="primary" />}
            label={
              <Choice
                label={t('cloneDialog.databasesShare', { source })}
                help={t('cloneDialog.databasesShareHelp', {
                  source,
                  databases,
                })}
              />
            }
          />
        </RadioGroup>
        {state.baselineDatabases === 'share' && (
          <Alert severity="warning">
            {t('cloneDialog.sharedDatabasesWarning', { source, databases })}
          </Alert>
        )}
      </FormControl>
    );
  }

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      <FormControl>
        <FormControlLabel
          control={
            <Checkbox
              color="primary"
              checked={shared}
              onChange={event =>
                dispatch({ type: 'shareLeftOut', value: event.target.checked })
              }
              inputProps={{ 'aria-describedby': 'clone-share-left-out-help' }}
            />
          }
          label={t('cloneDialog.shareLeftOut', { source })}
        />
        <FormHelperText id="clone-share-left-out-help">
          {t('cloneDialog.shareLeftOutHelp', { source })}
        </FormHelperText>
      </FormControl>
      {databaseChoice}
    </Box>
  );
}
