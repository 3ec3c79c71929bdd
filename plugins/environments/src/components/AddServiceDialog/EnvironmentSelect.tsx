import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import TextField from '@material-ui/core/TextField';
import useAsync from 'react-use/esm/useAsync';
import { environmentsApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { environmentsTranslationRef } from '../../translation';

/** How many environments the select offers. */
const ENVIRONMENT_CHOICES_LIMIT = 500;

/** The environment to add a service to, when the dialog was not given one. */
export function EnvironmentSelect(props: {
  value: string;
  /** Called with the chosen environment's name and its services' names. */
  onChange: (name: string, services: string[]) => void;
}) {
  const environmentsApi = useApi(environmentsApiRef);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { value, loading, error } = useAsync(
    () =>
      environmentsApi.listEnvironments({
        limit: ENVIRONMENT_CHOICES_LIMIT,
        sort: 'name',
      }),
    [environmentsApi],
  );
  const items = value?.items ?? [];
  let helperText: string = t('addServiceDialog.environmentSelect.help');
  if (loading) {
    helperText = t('addServiceDialog.environmentSelect.loading');
  } else if (error) {
    helperText = t('addServiceDialog.environmentSelect.loadError', {
      message: errorMessage(error),
    });
  } else if (items.length === 0) {
    helperText = t('addServiceDialog.environmentSelect.noEnvironments');
  }
  return (
    <TextField
      id="add-service-environment"
      select
      fullWidth
      variant="outlined"
      size="small"
      label={t('addServiceDialog.environmentSelect.label')}
      value={props.value}
      onChange={event => {
        const name = event.target.value;
        const chosen = items.find(environment => environment.name === name);
        props.onChange(name, chosen?.services.map(s => s.name) ?? []);
      }}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      error={Boolean(error)}
      helperText={helperText}
      disabled={loading}
    >
      <option value="">{t('addServiceDialog.chooseEnvironment')}</option>
      {items.map(environment => (
        <option key={environment.name} value={environment.name}>
          {environment.title && environment.title !== environment.name
            ? t('addServiceDialog.environmentSelect.option', {
                title: environment.title,
                name: environment.name,
              })
            : environment.name}
        </option>
      ))}
    </TextField>
  );
}
