import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  environmentUpdatePermission,
  Service,
} from '@greenroom/plugin-environments-common';
import type { default as RjsfForm } from '@rjsf/core';
import { withTheme } from '@rjsf/core';
import { Theme as MuiTheme } from '@rjsf/material-ui';
import { createSchemaUtils, RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useMemo, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  ApiEnvironment,
  environmentsApiRef,
  OperationResponse,
  ServiceTemplateSummary,
} from '../../api';
import { errorMessage, errorStatus, errorTitle } from '../../lib/errors';
import { newIdempotencyKey } from '../../lib/idempotencyKey';
import { useNavigate } from '../../lib/router';
import { environmentRouteRef } from '../../routes';
import { LifecycleChip } from '../TemplateChips';
import {
  defaultServiceName,
  fieldErrors,
  formSchema,
  maxServiceNameLength,
  serviceNameProblem,
  toRjsfErrors,
} from './formModel';
import { ServicePreview } from './ServicePreview';
import { TemplateChooser } from './TemplateChooser';

/** The JSON-Schema form, rendered with Material UI v4 as the scaffolder does. */
const ParametersForm = withTheme(MuiTheme);

/** How many environments the environment select offers. */
const ENVIRONMENT_CHOICES_LIMIT = 500;

const UI_SCHEMA = { 'ui:submitButtonOptions': { norender: true } };

const ERROR_TITLES = {
  byStatus: {
    400: 'The service was refused',
    403: 'Not allowed',
    404: 'The template or the environment does not exist',
  },
  fallback: 'Could not add the service',
};

/** Props of {@link AddServiceDialog}. */
export interface AddServiceDialogProps {
  open: boolean;
  onClose: () => void;
  /** The template to add; without it the dialog first offers the catalog. */
  template?: ServiceTemplateSummary;
  /** The environment to add to; without it the dialog offers a select. */
  environment?: ApiEnvironment;
  /**
   * Called with the backend's 202 answer. Without it the dialog opens the
   * environment's page, where the operation shows its progress.
   */
  onAccepted?: (response: OperationResponse) => void;
}

function EnvironmentSelect(props: {
  value: string;
  /** Called with the chosen environment's name and its services' names. */
  onChange: (name: string, services: string[]) => void;
}) {
  const environmentsApi = useApi(environmentsApiRef);
  const { value, loading, error } = useAsync(
    () =>
      environmentsApi.listEnvironments({
        limit: ENVIRONMENT_CHOICES_LIMIT,
        sort: 'name',
      }),
    [environmentsApi],
  );
  const items = value?.items ?? [];
  let helperText = 'The environment the service is added to';
  if (loading) {
    helperText = 'Loading environments…';
  } else if (error) {
    helperText = `Could not load the environments: ${errorMessage(error)}`;
  } else if (items.length === 0) {
    helperText = 'You cannot see any environment';
  }
  return (
    <TextField
      id="add-service-environment"
      select
      fullWidth
      variant="outlined"
      size="small"
      label="Environment"
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
      <option value="">Choose an environment</option>
      {items.map(environment => (
        <option key={environment.name} value={environment.name}>
          {environment.title && environment.title !== environment.name
            ? `${environment.title} (${environment.name})`
            : environment.name}
        </option>
      ))}
    </TextField>
  );
}

/** The steps of the dialog once a template is chosen: form, then preview. */
function AddServiceForm(props: {
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
  const formRef = useRef<RjsfForm>(null);

  const schema = useMemo(() => formSchema(template) as RJSFSchema, [template]);
  const hasParameters =
    Object.keys((schema.properties as object | undefined) ?? {}).length > 0;

  const [environmentName, setEnvironmentName] = useState(
    props.environment?.name ?? '',
  );
  // The services of the chosen environment, to flag a name already taken.
  const [existing, setExisting] = useState<string[]>(
    () => props.environment?.services.map(s => s.name) ?? [],
  );
  const [serviceName, setServiceName] = useState(() =>
    defaultServiceName(template),
  );
  const [nameTouched, setNameTouched] = useState(false);
  const [formData, setFormData] = useState<Record<string, unknown>>(
    () =>
      createSchemaUtils(validator, schema).getDefaultFormState(
        schema,
        {},
      ) as Record<string, unknown>,
  );
  const [nameServerError, setNameServerError] = useState<string>();
  const [extraErrors, setExtraErrors] = useState<Record<string, unknown>>();
  const [error, setError] = useState<unknown>();
  const [otherMessages, setOtherMessages] = useState<string[]>([]);
  const [preview, setPreview] = useState<Service>();
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  const update = usePermission({
    permission: environmentUpdatePermission,
    resourceRef: environmentName || undefined,
  });

  const nameProblem = serviceNameProblem(serviceName, {
    environment: environmentName || undefined,
    existing,
    template,
  });
  const nameError = nameServerError ?? (nameTouched ? nameProblem : undefined);

  let blocker: string | undefined;
  if (!environmentName) {
    blocker = 'Choose an environment';
  } else if (update.loading) {
    blocker = 'Checking your permissions…';
  } else if (!update.allowed) {
    blocker = `You are not allowed to change ${environmentName}`;
  }

  function request() {
    return { template: template.ref, name: serviceName, parameters: formData };
  }

  function failed(e: unknown) {
    if (errorStatus(e) === 400) {
      const fields = fieldErrors(errorMessage(e));
      const properties = (schema.properties ?? {}) as Record<string, unknown>;
      const inForm: Record<string, string[]> = {};
      const other = [...fields.other];
      let nameMessage = fields.name;
      for (const [path, messages] of Object.entries(fields.parameters)) {
        const root = path.split('.')[0];
        if (root === 'name') {
          nameMessage = [nameMessage, ...messages].filter(Boolean).join('; ');
        } else if (root in properties) {
          inForm[path] = messages;
        } else {
          other.push(...messages.map(m => `parameters.${path}: ${m}`));
        }
      }
      setNameServerError(nameMessage);
      setExtraErrors(
        Object.keys(inForm).length > 0 ? toRjsfErrors(inForm) : undefined,
      );
      setOtherMessages(other);
      setError(other.length > 0 ? e : undefined);
      // Field errors belong next to their fields.
      setPreview(undefined);
    } else {
      setOtherMessages([]);
      setError(e);
    }
  }

  async function showPreview() {
    setNameTouched(true);
    const formValid = formRef.current ? formRef.current.validateForm() : true;
    if (nameProblem || !formValid || blocker) {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const answer = await environmentsApi.addService(environmentName, {
        ...request(),
        dryRun: true,
      });
      setPreview(answer.service);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  async function add() {
    setBusy(true);
    setError(undefined);
    try {
      const response = await environmentsApi.addService(
        environmentName,
        request(),
        { idempotencyKey },
      );
      onClose();
      if (onAccepted) {
        onAccepted(response);
      } else if (environmentLink) {
        navigate(environmentLink({ name: environmentName }));
      }
    } catch (e) {
      setIdempotencyKey(newIdempotencyKey());
      failed(e);
      setBusy(false);
    }
  }

  const maxLength = maxServiceNameLength(
    environmentName || undefined,
    template,
  );

  return (
    <>
      <DialogTitle id="add-service-dialog-title">
        Add {template.title}
        {props.environment ? ` to ${props.environment.name}` : ''}
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
              This template is deprecated: prefer a newer template for new
              services.
            </Alert>
          </Box>
        )}
        {preview ? (
          <>
            <Typography variant="body2" paragraph>
              This is the service {environmentName} would get. Nothing has
              changed yet.
            </Typography>
            <ServicePreview service={preview} />
          </>
        ) : (
          <>
            <Box display="grid" style={{ gap: 16 }} mb={2}>
              {!props.environment && (
                <EnvironmentSelect
                  value={environmentName}
                  onChange={(name, services) => {
                    setEnvironmentName(name);
                    setExisting(services);
                    setNameServerError(undefined);
                  }}
                />
              )}
              <TextField
                id="add-service-name"
                label="Service name"
                variant="outlined"
                size="small"
                fullWidth
                required
                value={serviceName}
                onChange={event => {
                  setServiceName(event.target.value);
                  setNameTouched(true);
                  setNameServerError(undefined);
                }}
                error={Boolean(nameError)}
                helperText={
                  nameError ??
                  `Lower case letters, digits and "-", at most ${maxLength} characters`
                }
                inputProps={{ autoComplete: 'off', spellCheck: false }}
              />
            </Box>
            {hasParameters ? (
              <ParametersForm
                ref={formRef}
                schema={schema}
                uiSchema={UI_SCHEMA}
                formData={formData}
                validator={validator}
                onChange={event => {
                  setFormData(event.formData);
                  setExtraErrors(undefined);
                }}
                extraErrors={extraErrors as any}
                showErrorList={false}
                noHtml5Validate
                disabled={busy}
              />
            ) : (
              <Typography variant="body2" color="textSecondary">
                This template has no parameters.
              </Typography>
            )}
          </>
        )}
        {blocker && environmentName && !update.loading && (
          <Box mt={2}>
            <Alert severity="info">{blocker}</Alert>
          </Box>
        )}
        {error !== undefined && (
          <Box mt={2}>
            <Alert severity="error">
              <AlertTitle>{errorTitle(error, ERROR_TITLES)}</AlertTitle>
              {otherMessages.length > 0
                ? otherMessages.join('; ')
                : errorMessage(error)}
            </Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        {preview ? (
          <>
            <Button disabled={busy} onClick={() => setPreview(undefined)}>
              Back
            </Button>
            <Button
              color="primary"
              variant="contained"
              disabled={busy || Boolean(blocker)}
              onClick={add}
            >
              Add
            </Button>
          </>
        ) : (
          <>
            {onBack && (
              <Button disabled={busy} onClick={onBack}>
                Back
              </Button>
            )}
            <Button
              color="primary"
              variant="contained"
              disabled={busy || Boolean(blocker)}
              onClick={showPreview}
              title={blocker}
            >
              Preview
            </Button>
          </>
        )}
      </DialogActions>
    </>
  );
}

function AddServiceFlow(props: Omit<AddServiceDialogProps, 'open'>) {
  const [chosen, setChosen] = useState<ServiceTemplateSummary>();
  const template = props.template ?? chosen;
  if (!template) {
    return (
      <>
        <DialogTitle id="add-service-dialog-title">
          Add a service
          {props.environment ? ` to ${props.environment.name}` : ''}
        </DialogTitle>
        <DialogContent dividers>
          <Typography variant="body2" paragraph>
            Choose the template to start from.
          </Typography>
          <TemplateChooser onChoose={setChosen} />
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
        </DialogActions>
      </>
    );
  }
  return (
    <AddServiceForm
      template={template}
      environment={props.environment}
      onBack={props.template ? undefined : () => setChosen(undefined)}
      onClose={props.onClose}
      onAccepted={props.onAccepted}
    />
  );
}

/**
 * Adds a service from a ServiceTemplate to an environment: choose the
 * template (unless given), fill in the form generated from its parameters
 * and a service name, preview the rendered service (a dry run), then add it.
 */
export function AddServiceDialog(props: AddServiceDialogProps) {
  const { open, onClose } = props;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby="add-service-dialog-title"
      fullWidth
      maxWidth="md"
    >
      {open && <AddServiceFlow {...props} />}
    </Dialog>
  );
}
