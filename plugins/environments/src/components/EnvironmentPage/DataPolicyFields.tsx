import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import FormLabel from '@material-ui/core/FormLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { CloneDataPolicy } from '@greenroom/plugin-environments-common';
import type { Dispatch } from 'react';
import type { ApiService } from '../../api';
import { dataPolicyChoices } from '../../lib/dataPolicies';
import { environmentsTranslationRef } from '../../translation';
import { CloneFormAction, CloneFormState, deploysDatabase } from './cloneForm';

/**
 * What happens to the data of each database the clone deploys: one select
 * per database, empty until the user chooses, with what the backend refused
 * of it (`data.<service>…`) underneath.
 */
export function DataPolicyFields(props: {
  state: CloneFormState;
  dispatch: Dispatch<CloneFormAction>;
  source: string;
  allServices: string[];
  /** The source's database services. */
  databases: ApiService[];
  /** The backend's message for a field of the request, if it named one. */
  fieldError: (path: string) => string | undefined;
}) {
  const { state, dispatch, source, allServices, fieldError } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  if (props.databases.length === 0) {
    return null;
  }
  const deployed = props.databases.filter(service =>
    deploysDatabase(state, allServices, service.name),
  );
  return (
    <FormControl component="fieldset">
      <FormLabel component="legend">{t('cloneDialog.data')}</FormLabel>
      <Typography variant="caption" color="textSecondary" component="p">
        {deployed.length > 0
          ? t('cloneDialog.dataHelp')
          : t('cloneDialog.noDatabases')}
      </Typography>
      {deployed.map(service => {
        const database = service.database!;
        const policy = state.dataPolicies[service.name] ?? 'empty';
        const path = `data.${service.name}`;
        const error =
          fieldError(`${path}.policy`) ??
          fieldError(`${path}.seed`) ??
          fieldError(path);
        return (
          <Box key={service.name} mt={2}>
            <TextField
              id={`clone-data-${service.name}`}
              select
              label={t('cloneDialog.database', {
                service: service.name,
                engine: database.engine,
              })}
              variant="outlined"
              size="small"
              fullWidth
              value={policy}
              onChange={event =>
                dispatch({
                  type: 'dataPolicy',
                  service: service.name,
                  dataPolicy: event.target.value as CloneDataPolicy,
                })
              }
              error={Boolean(error)}
              helperText={
                error ?? t(`cloneDialog.dataPolicyHelp.${policy}`, { source })
              }
              SelectProps={{ native: true }}
            >
              {dataPolicyChoices(database).map(choice => (
                <option key={choice} value={choice}>
                  {t(`cloneDialog.dataPolicies.${choice}`)}
                </option>
              ))}
            </TextField>
          </Box>
        );
      })}
    </FormControl>
  );
}
