import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Link from '@material-ui/core/Link';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  EnvironmentMode,
  environmentCreatePermission,
  environmentsAdminPermission,
} from '@greenroom/plugin-environments-common';
import { ChangeEvent, FormEvent, useEffect, useMemo, useState } from 'react';
import { environmentsApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { newIdempotencyKey } from '../../lib/idempotencyKey';
import { useNavigate } from '../../lib/router';
import { environmentRouteRef, rootRouteRef } from '../../routes';
import {
  buildEnvironmentInput,
  componentRow,
  DATABASE_CHOICES,
  DatabaseChoice,
  databaseRow,
  defaultPolicy,
  durationProblem,
  environmentNameProblem,
  errorFor,
  FieldError,
  fieldErrorsOf,
  rowService,
  ServiceRow,
} from './formModel';
import { EntitySelect } from './EntitySelect';
import {
  ModeOptions,
  PRODUCTION_DENIED_HELP,
  useProductionAllowed,
} from './ModeOptions';
import { ownerChoices, ownerHelp } from './owners';
import { ServiceRowEditor } from './ServiceRowEditor';
import {
  CatalogChoices,
  systemOf,
  useCatalogChoices,
} from './useCatalogChoices';

function componentLabel(entity: Entity): string {
  return entity.metadata.title ?? entity.metadata.name;
}

/** The form, once the catalog choices and the user's permissions are known. */
function NewEnvironmentForm(props: {
  choices: CatalogChoices;
  isAdmin: boolean;
  productionAllowed: boolean;
}) {
  const { choices, isAdmin, productionAllowed } = props;
  const owners = useMemo(
    () =>
      ownerChoices({
        groups: choices.groups,
        memberOf: choices.memberOf,
        isAdmin,
      }),
    [choices.groups, choices.memberOf, isAdmin],
  );
  const environmentsApi = useApi(environmentsApiRef);
  const environmentLink = useRouteRef(environmentRouteRef);
  const rootLink = useRouteRef(rootRouteRef);
  const navigate = useNavigate();

  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [mode, setMode] = useState<EnvironmentMode>('development');
  const [system, setSystem] = useState('');
  const [owner, setOwner] = useState(choices.memberOf[0] ?? '');
  const [rows, setRows] = useState<ServiceRow[]>([]);
  const [policy, setPolicy] = useState(defaultPolicy('development'));
  const [policyTouched, setPolicyTouched] = useState(false);
  const [databaseCount, setDatabaseCount] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<{
    message: string;
    fields: FieldError[];
  }>();
  const [idempotencyKey] = useState(newIdempotencyKey);

  // The policy follows the mode until the user changes it.
  useEffect(() => {
    if (!policyTouched) {
      setPolicy(defaultPolicy(mode));
    }
  }, [mode, policyTouched]);

  const components = useMemo(
    () =>
      system
        ? choices.components.filter(entity => systemOf(entity) === system)
        : choices.components,
    [choices.components, system],
  );
  const picked = rows.flatMap(row =>
    row.source === 'component'
      ? choices.components.filter(e => stringifyEntityRef(e) === row.id)
      : [],
  );

  const nameProblem = environmentNameProblem(name);
  const rowChecks = rows.map((row, index) =>
    rowService(
      row,
      rows.filter((_, other) => other !== index).map(r => r.name),
    ),
  );
  const idleProblem = durationProblem(policy.idleAfter);
  const ttlProblem =
    mode === 'preview' ? durationProblem(policy.ttl) : undefined;
  const valid =
    !nameProblem &&
    system !== '' &&
    owner !== '' &&
    !idleProblem &&
    !ttlProblem &&
    rowChecks.every(check => Object.keys(check.errors).length === 0);

  const fieldError = (path: string, exclude?: string[]) =>
    serverError ? errorFor(serverError.fields, path, exclude) : undefined;
  // `ttl` is short for `policy.ttl`: both belong to "Delete after".
  const ttlError = fieldError('ttl') ?? fieldError('policy.ttl');
  const policyError = fieldError('policy', ['policy.ttl']);

  function pickComponents(entities: Entity[]) {
    setRows(previous => {
      const refs = entities.map(e => stringifyEntityRef(e));
      const kept = previous.filter(
        row => row.source !== 'component' || refs.includes(row.id),
      );
      const next = [...kept];
      for (const entity of entities) {
        const ref = stringifyEntityRef(entity);
        if (!next.some(row => row.id === ref)) {
          next.push(
            componentRow(
              entity,
              next.map(row => row.name),
            ),
          );
        }
      }
      return next;
    });
  }

  function addDatabase(engine: DatabaseChoice) {
    setRows(previous => [
      ...previous,
      databaseRow(
        engine,
        previous.map(row => row.name),
        `database:${databaseCount}`,
      ),
    ]);
    setDatabaseCount(count => count + 1);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!valid || submitting) {
      return;
    }
    setSubmitting(true);
    setServerError(undefined);
    const input = buildEnvironmentInput({
      name,
      title,
      mode,
      system,
      owner,
      rows,
      idleAfter: policy.idleAfter,
      ttl: policy.ttl,
    });
    try {
      const response = await environmentsApi.createEnvironment(input, {
        idempotencyKey,
      });
      const created = response.environment?.name ?? input.name;
      if (environmentLink) {
        navigate(environmentLink({ name: created }));
      } else {
        setSubmitting(false);
      }
    } catch (error) {
      const message = errorMessage(error);
      setServerError({ message, fields: fieldErrorsOf(message) });
      setSubmitting(false);
    }
  }

  const showNameProblem = nameProblem && (name !== '' || submitted);

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="New environment"
      // The backend's messages name config keys (environments.limits.…)
      // that are longer than a narrow field: let them wrap anywhere.
      style={{ overflowWrap: 'anywhere' }}
    >
      <Grid container spacing={3}>
        <Grid item xs={12} lg={6}>
          <InfoCard
            titleTypographyProps={{ component: 'h2' }}
            title="Environment"
          >
            <Grid container spacing={2}>
              <Grid item xs={12} sm={6}>
                <TextField
                  id="new-environment-name"
                  required
                  fullWidth
                  variant="outlined"
                  size="small"
                  label="Name"
                  value={name}
                  onChange={event => setName(event.target.value)}
                  error={Boolean(showNameProblem || fieldError('name'))}
                  helperText={
                    fieldError('name') ??
                    (showNameProblem
                      ? nameProblem.message
                      : 'Lower case letters, digits and "-"; services are reachable as <service>-<name>')
                  }
                  inputProps={{ autoComplete: 'off', spellCheck: false }}
                />
                {showNameProblem && nameProblem.suggestion && (
                  <Typography variant="caption" component="div">
                    Use{' '}
                    <Link
                      component="button"
                      type="button"
                      variant="caption"
                      onClick={() => setName(nameProblem.suggestion!)}
                    >
                      {nameProblem.suggestion}
                    </Link>
                    ?
                  </Typography>
                )}
              </Grid>
              <Grid item xs={12} sm={6}>
                <TextField
                  id="new-environment-title"
                  fullWidth
                  variant="outlined"
                  size="small"
                  label="Title"
                  placeholder={name || 'Shop (feature login)'}
                  value={title}
                  onChange={event => setTitle(event.target.value)}
                  error={Boolean(fieldError('title'))}
                  helperText={
                    fieldError('title') ?? 'Optional; the name when empty'
                  }
                />
              </Grid>
              <Grid item xs={12} sm={4}>
                <TextField
                  id="new-environment-mode"
                  select
                  required
                  fullWidth
                  variant="outlined"
                  size="small"
                  label="Mode"
                  value={mode}
                  onChange={(event: ChangeEvent<HTMLInputElement>) =>
                    setMode(event.target.value as EnvironmentMode)
                  }
                  error={Boolean(fieldError('mode'))}
                  helperText={
                    fieldError('mode') ??
                    (productionAllowed ? undefined : PRODUCTION_DENIED_HELP)
                  }
                  SelectProps={{ native: true }}
                  InputLabelProps={{ shrink: true }}
                >
                  <ModeOptions productionAllowed={productionAllowed} />
                </TextField>
              </Grid>
              <Grid item xs={12} sm={4}>
                <EntitySelect
                  id="new-environment-system"
                  label="System"
                  placeholder="Choose a system"
                  value={system}
                  choices={choices.systems}
                  error={
                    fieldError('system') ??
                    (submitted && !system ? 'Required' : undefined)
                  }
                  helperText={
                    choices.systems.length === 0
                      ? 'The catalog has no System'
                      : undefined
                  }
                  onChange={setSystem}
                />
              </Grid>
              <Grid item xs={12} sm={4}>
                <EntitySelect
                  id="new-environment-owner"
                  label="Owner"
                  placeholder="Choose a group"
                  value={owner}
                  choices={owners}
                  error={
                    fieldError('owner') ??
                    (submitted && !owner ? 'Required' : undefined)
                  }
                  helperText={ownerHelp(owners, isAdmin)}
                  onChange={setOwner}
                />
              </Grid>
            </Grid>
          </InfoCard>
        </Grid>

        <Grid item xs={12} lg={6}>
          <InfoCard titleTypographyProps={{ component: 'h2' }} title="Policy">
            <Grid container spacing={2}>
              <Grid item xs={12} sm={6}>
                <TextField
                  id="new-environment-idle-after"
                  fullWidth
                  variant="outlined"
                  size="small"
                  label="Stop when idle for"
                  placeholder={mode === 'production' ? 'never' : '2h'}
                  value={policy.idleAfter}
                  onChange={event => {
                    setPolicyTouched(true);
                    setPolicy({ ...policy, idleAfter: event.target.value });
                  }}
                  error={Boolean(idleProblem || policyError)}
                  helperText={
                    idleProblem ??
                    policyError ??
                    (mode === 'production'
                      ? 'Production is never stopped by a policy unless you set this'
                      : 'e.g. 2h or 1h30m; empty takes the default of the mode')
                  }
                />
              </Grid>
              {mode === 'preview' && (
                <Grid item xs={12} sm={6}>
                  <TextField
                    id="new-environment-ttl"
                    fullWidth
                    variant="outlined"
                    size="small"
                    label="Delete after"
                    placeholder="3d"
                    value={policy.ttl}
                    onChange={event => {
                      setPolicyTouched(true);
                      setPolicy({ ...policy, ttl: event.target.value });
                    }}
                    error={Boolean(ttlProblem || ttlError)}
                    helperText={
                      ttlProblem ??
                      ttlError ??
                      'Time to live of the preview, e.g. 3d'
                    }
                  />
                </Grid>
              )}
            </Grid>
          </InfoCard>
        </Grid>

        <Grid item xs={12}>
          <InfoCard titleTypographyProps={{ component: 'h2' }} title="Services">
            <Typography variant="body2" color="textSecondary" paragraph>
              Pick Components from the software catalog: each becomes a service,
              with its image and ports from its <code>greenroom.dev/*</code>{' '}
              annotations.
            </Typography>
            <Autocomplete<Entity, true, false, false>
              multiple
              id="new-environment-components"
              options={components}
              value={picked}
              getOptionLabel={componentLabel}
              getOptionSelected={(option, value) =>
                stringifyEntityRef(option) === stringifyEntityRef(value)
              }
              onChange={(_event, value) => pickComponents(value)}
              filterSelectedOptions
              noOptionsText={
                system
                  ? 'No more Components in this system'
                  : 'No more Components'
              }
              renderOption={entity => (
                <Box>
                  <Typography variant="body2">
                    {componentLabel(entity)}
                  </Typography>
                  <Typography variant="caption" color="textSecondary">
                    {stringifyEntityRef(entity)}
                  </Typography>
                </Box>
              )}
              renderInput={params => (
                <TextField
                  {...params}
                  variant="outlined"
                  size="small"
                  label="Components"
                  placeholder={
                    system ? 'Components of the system' : 'Any Component'
                  }
                />
              )}
            />
            <Box mt={2} display="flex" style={{ gap: 8 }} flexWrap="wrap">
              {(Object.keys(DATABASE_CHOICES) as DatabaseChoice[]).map(
                engine => (
                  <Button
                    key={engine}
                    variant="outlined"
                    size="small"
                    startIcon={<AddIcon />}
                    onClick={() => addDatabase(engine)}
                  >
                    Add {DATABASE_CHOICES[engine].label}
                  </Button>
                ),
              )}
            </Box>
            <Box
              mt={2}
              display="flex"
              flexDirection="column"
              style={{ gap: 16 }}
            >
              {rows.length === 0 && (
                <Typography variant="body2" color="textSecondary">
                  No services yet. An environment can start empty and get
                  services later.
                </Typography>
              )}
              {rows.map((row, index) => (
                <ServiceRowEditor
                  key={row.id}
                  row={row}
                  errors={rowChecks[index].errors}
                  serverError={
                    // By index from the schema, by name from the limits
                    // (e.g. `services.web.customDomains[0]`).
                    fieldError(`services[${index}]`) ??
                    fieldError(`services.${row.name}`)
                  }
                  onChange={changed =>
                    setRows(previous =>
                      previous.map(r => (r.id === row.id ? changed : r)),
                    )
                  }
                  onRemove={() =>
                    setRows(previous => previous.filter(r => r.id !== row.id))
                  }
                />
              ))}
            </Box>
          </InfoCard>
        </Grid>

        {serverError && (
          <Grid item xs={12}>
            <Alert severity="error" role="alert">
              <AlertTitle>The environment was not created</AlertTitle>
              {serverError.message}
            </Alert>
          </Grid>
        )}

        <Grid item xs={12}>
          <Box display="flex" style={{ gap: 8 }}>
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={submitting || (submitted && !valid)}
            >
              {submitting ? 'Creating…' : 'Create environment'}
            </Button>
            {rootLink && (
              <LinkButton to={rootLink()} variant="text">
                Cancel
              </LinkButton>
            )}
          </Box>
        </Grid>
      </Grid>
    </form>
  );
}

function NewEnvironmentContent() {
  const { value, loading, error } = useCatalogChoices();
  const permission = usePermission({
    permission: environmentCreatePermission,
  });
  const admin = usePermission({ permission: environmentsAdminPermission });
  const productionAllowed = useProductionAllowed();
  const rootLink = useRouteRef(rootRouteRef);

  if (
    loading ||
    permission.loading ||
    admin.loading ||
    productionAllowed === undefined
  ) {
    return <Progress />;
  }
  if (!permission.allowed) {
    return (
      <EmptyState
        missing="info"
        title="You may not create environments"
        description="Ask the owners of your Backstage instance for the environments.environment.create permission."
        action={
          rootLink ? (
            <LinkButton to={rootLink()} variant="outlined" color="primary">
              All environments
            </LinkButton>
          ) : undefined
        }
      />
    );
  }
  if (error || !value) {
    return (
      <ResponseErrorPanel
        title="Could not load the software catalog"
        error={error ?? new Error('No answer from the catalog')}
      />
    );
  }
  return (
    <NewEnvironmentForm
      choices={value}
      isAdmin={admin.allowed}
      productionAllowed={productionAllowed}
    />
  );
}

/**
 * The "New environment" page at `/environments/new`: name, mode, system and
 * owner, Components from the software catalog as services, databases, and
 * the idle and TTL policy.
 */
export function NewEnvironmentPage() {
  const rootLink = useRouteRef(rootRouteRef);
  return (
    <Page themeId="tool">
      <Header
        title="New environment"
        subtitle="Pick Components from the catalog; each becomes a service"
        type="Environments"
        typeLink={rootLink?.()}
      />
      <Content>
        <NewEnvironmentContent />
      </Content>
    </Page>
  );
}
