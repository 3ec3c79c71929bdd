import {
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { environmentUpdatePermission } from '@greenroom/plugin-environments-common';
import type { default as RjsfForm } from '@rjsf/core';
import { withTheme } from '@rjsf/core';
import { Theme as MuiTheme } from '@rjsf/material-ui';
import { createSchemaUtils, RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useMemo, useReducer, useRef, useState } from 'react';
import {
  ApiEnvironment,
  environmentsApiRef,
  OperationResponse,
  ServiceTemplateSummary,
} from '../../api';
import { errorMessage, errorTitle } from '../../lib/errors';
import { newIdempotencyKey } from '../../lib/idempotencyKey';
import { useNavigate } from '../../lib/router';
import { environmentRouteRef } from '../../routes';
import { environmentsTranslationRef } from '../../translation';
import { LifecycleChip } from '../TemplateChips';
import { EnvironmentSelect } from './EnvironmentSelect';
import {
  defaultServiceName,
  formSchema,
  maxServiceNameLength,
  serviceNameProblem,
} from './formModel';
import { addServiceReducer, initialAddServiceState } from './formState';
import { ServicePreview } from './ServicePreview';

/** The JSON-Schema form, rendered with Material UI v4 as the scaffolder does. */
const ParametersForm = withTheme(MuiTheme);

const UI_SCHEMA = { 'ui:submitButtonOptions': { norender: true } };

/** The steps of the dialog once a template is chosen: form, then preview. */
export function AddServiceForm(props: {
  template: ServiceTemplateSummary;
  environment?: ApiEnvironment;
  onBack?: () => void;
  onClose: () => void;
  onAccepted?: (response: OperationResponse) => void;
}) {
  const { template, onBack, onClose, onAccepted } = props;
  const environmentsApi = useApi(environmentsApiRef);
  const environmentLink = useRouteRef(environmentRouteRef);
  const navigate = useNavigate();
  const { t } = useTranslationRef(environmentsTranslationRef);
  const formRef = useRef<RjsfForm>(null);

  const schema = useMemo(() => formSchema(template) as RJSFSchema, [template]);
  const formFields = Object.keys(schema.properties ?? {});

  const [state, dispatch] = useReducer(addServiceReducer, undefined, () =>
    initialAddServiceState({
      environment: props.environment,
      serviceName: defaultServiceName(template),
      parameters: createSchemaUtils(validator, schema).getDefaultFormState(
        schema,
        {},
      ) as Record<string, unknown>,
      formFields,
    }),
  );
  const { environment, serviceName, preview, busy, error } = state;
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  const update = usePermission({
    permission: environmentUpdatePermission,
    resourceRef: environment || undefined,
  });

  const nameProblem = serviceNameProblem(serviceName, {
    environment: environment || undefined,
    existing: state.existing,
    template,
  });
  const nameError =
    state.nameServerError ?? (state.nameTouched ? nameProblem : undefined);
  const maxLength = maxServiceNameLength(environment || undefined, template);

  let blocker: string | undefined;
  if (!environment) {
    blocker = t('addServiceDialog.chooseEnvironment');
  } else if (update.loading) {
    blocker = t('common.checkingPermissions');
  } else if (!update.allowed) {
    blocker = t('addServiceDialog.notAllowed', { environment });
  }

  const request = {
    template: template.ref,
    name: serviceName,
    parameters: state.parameters,
  };

  async function showPreview() {
    dispatch({ type: 'touchName' });
    const formValid = formRef.current ? formRef.current.validateForm() : true;
    if (nameProblem || !formValid || blocker) {
      return;
    }
    dispatch({ type: 'request' });
    try {
      const answer = await environmentsApi.addService(environment, {
        ...request,
        dryRun: true,
      });
      dispatch({ type: 'previewed', service: answer.service });
    } catch (e) {
      dispatch({ type: 'failed', error: e });
    }
  }

  async function add() {
    dispatch({ type: 'request' });
    try {
      const response = await environmentsApi.addService(environment, request, {
        idempotencyKey,
      });
      onClose();
      if (onAccepted) {
        onAccepted(response);
      } else if (environmentLink) {
        navigate(environmentLink({ name: environment }));
      }
    } catch (e) {
      setIdempotencyKey(newIdempotencyKey());
      dispatch({ type: 'failed', error: e });
    }
  }

  // From the preview back to the form; from the form back to the templates.
  const back = preview ? () => dispatch({ type: 'back' }) : onBack;

  const errorTitles = {
    byStatus: {
      400: t('addServiceDialog.errors.refused'),
      403: t('common.notAllowed'),
      404: t('addServiceDialog.errors.notFound'),
    },
    fallback: t('addServiceDialog.errors.fallback'),
  };

  return (
    <>
      <DialogTitle id="add-service-dialog-title">
        {props.environment
          ? t('addServiceDialog.titleTo', {
              template: template.title,
              environment: props.environment.name,
            })
          : t('addServiceDialog.title', { template: template.title })}
      </DialogTitle>
      <DialogContent dividers>
        <Box display="flex" alignItems="center" mb={2} style={{ gap: 8 }}>
          <Typography variant="body2" color="textSecondary">
            {template.ref} · v{template.version}
          </Typography>
          <LifecycleChip lifecycle={template.lifecycle} />
        </Box>
        {template.lifecycle === 'deprecated' && (
          <Box mb={2}>
            <Alert severity="warning">
              {t('addServiceDialog.deprecatedTemplate')}
            </Alert>
          </Box>
        )}
        {preview ? (
          <>
            <Typography variant="body2" paragraph>
              {t('addServiceDialog.previewIntro', { environment })}
            </Typography>
            <ServicePreview service={preview} />
          </>
        ) : (
          <>
            <Box display="grid" style={{ gap: 16 }} mb={2}>
              {!props.environment && (
                <EnvironmentSelect
                  value={environment}
                  onChange={(name, services) =>
                    dispatch({ type: 'environment', name, services })
                  }
                />
              )}
              <TextField
                id="add-service-name"
                label={t('addServiceDialog.serviceName')}
                variant="outlined"
                size="small"
                fullWidth
                required
                value={serviceName}
                onChange={event =>
                  dispatch({ type: 'serviceName', value: event.target.value })
                }
                error={Boolean(nameError)}
                helperText={
                  nameError ??
                  t('addServiceDialog.serviceNameHelp', {
                    max: String(maxLength),
                  })
                }
                inputProps={{ autoComplete: 'off', spellCheck: false }}
              />
            </Box>
            {formFields.length > 0 ? (
              <ParametersForm
                ref={formRef}
                schema={schema}
                uiSchema={UI_SCHEMA}
                formData={state.parameters}
                validator={validator}
                onChange={event =>
                  dispatch({ type: 'parameters', value: event.formData })
                }
                extraErrors={state.parameterErrors}
                showErrorList={false}
                noHtml5Validate
                disabled={busy}
              />
            ) : (
              <Typography variant="body2" color="textSecondary">
                {t('addServiceDialog.noParameters')}
              </Typography>
            )}
          </>
        )}
        {blocker && environment && !update.loading && (
          <Box mt={2}>
            <Alert severity="info">{blocker}</Alert>
          </Box>
        )}
        {error !== undefined && (
          <Box mt={2}>
            <Alert severity="error">
              <AlertTitle>{errorTitle(error, errorTitles)}</AlertTitle>
              {state.otherMessages.length > 0
                ? state.otherMessages.join('; ')
                : errorMessage(error)}
            </Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        {back && (
          <Button disabled={busy} onClick={back}>
            {t('common.back')}
          </Button>
        )}
        <Button
          color="primary"
          variant="contained"
          disabled={busy || Boolean(blocker)}
          onClick={preview ? add : showPreview}
          title={preview ? undefined : blocker}
        >
          {preview
            ? t('addServiceDialog.addButton')
            : t('addServiceDialog.previewButton')}
        </Button>
      </DialogActions>
    </>
  );
}
