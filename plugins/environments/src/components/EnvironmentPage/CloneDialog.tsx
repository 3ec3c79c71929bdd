import { Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import Link from '@material-ui/core/Link';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  CLONE_DATA_POLICIES,
  CloneDataPolicy,
  ClonePlan,
  CloneDiffEntry,
  EnvironmentMode,
  environmentsAdminPermission,
} from '@greenroom/plugin-environments-common';
import { ReactNode, useEffect, useMemo, useState } from 'react';
import {
  ApiEnvironment,
  CloneEnvironmentRequest,
  environmentsApiRef,
} from '../../api';
import {
  DATA_POLICY_HELP,
  defaultCloneName,
  groupCloneDiff,
} from '../../lib/clone';
import { errorMessage, errorStatus, errorTitle } from '../../lib/errors';
import { newIdempotencyKey } from '../../lib/idempotencyKey';
import { useNavigate } from '../../lib/router';
import { environmentRouteRef } from '../../routes';
import { EntitySelect } from '../NewEnvironmentPage/EntitySelect';
import {
  defaultPolicy,
  durationProblem,
  environmentNameProblem,
  errorFor,
  fieldErrorsOf,
} from '../NewEnvironmentPage/formModel';
import {
  ModeOptions,
  PRODUCTION_DENIED_HELP,
  useProductionAllowed,
} from '../NewEnvironmentPage/ModeOptions';
import {
  defaultCloneOwner,
  ownerChoices,
  ownerHelp,
} from '../NewEnvironmentPage/owners';
import {
  EntityChoice,
  useGroupChoices,
} from '../NewEnvironmentPage/useCatalogChoices';
import { describeAttentionItem } from './AttentionBanner';

/** How long the name must stay unchanged before it is looked up. */
export const NAME_CHECK_DELAY_MS = 300;

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    overflowWrap: 'anywhere',
  },
  list: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
  },
  section: {
    marginTop: theme.spacing(2),
  },
}));

const POLICY_LABELS: Record<CloneDataPolicy, string> = {
  empty: 'Empty',
  snapshot: 'Snapshot',
  seed: 'Seed',
};

type NameAvailability = 'checking' | 'free' | 'taken' | 'unknown';

/**
 * Whether an environment of that name exists, looked up once the name has
 * not changed for {@link NAME_CHECK_DELAY_MS}: a 404 means the name is free.
 */
function useNameAvailability(
  name: string,
  enabled: boolean,
): NameAvailability | undefined {
  const environmentsApi = useApi(environmentsApiRef);
  const [result, setResult] = useState<{
    name: string;
    availability: NameAvailability;
  }>();

  useEffect(() => {
    if (!enabled) {
      return undefined;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      environmentsApi.getEnvironment(name).then(
        () => !cancelled && setResult({ name, availability: 'taken' }),
        error => {
          if (cancelled) {
            return;
          }
          const status = errorStatus(error);
          setResult({
            name,
            availability: status === 404 ? 'free' : 'unknown',
          });
        },
      );
    }, NAME_CHECK_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [environmentsApi, name, enabled]);

  if (!enabled) {
    return undefined;
  }
  return result?.name === name ? result.availability : 'checking';
}

function DiffSection(props: {
  title: string;
  testId: string;
  items: string[];
}) {
  const classes = useStyles();
  if (props.items.length === 0) {
    return null;
  }
  return (
    <section className={classes.section} data-testid={props.testId}>
      <Typography variant="subtitle2" component="h3">
        {props.title} ({props.items.length})
      </Typography>
      <ul className={classes.list}>
        {props.items.map((text, index) => (
          <li key={index}>
            <Typography variant="body2" component="span">
              {text}
            </Typography>
          </li>
        ))}
      </ul>
    </section>
  );
}

function withReason(text: string, reason?: string) {
  return reason ? `${text} (${reason})` : text;
}

function describeChange(entry: CloneDiffEntry): string {
  return withReason(
    `${entry.path}: ${entry.from ?? '—'} → ${entry.to ?? '—'}`,
    entry.reason,
  );
}

function describeCopy(entry: CloneDiffEntry): string {
  return withReason(
    entry.to ? `${entry.path}: ${entry.to}` : entry.path,
    entry.reason,
  );
}

/** The dry run, readably: what changes, needs attention, moves, is copied. */
function ClonePlanView(props: { plan: ClonePlan }) {
  const { plan } = props;
  const groups = groupCloneDiff(plan.diff);
  return (
    <Box>
      <DiffSection
        title="Changes"
        testId="clone-diff-changed"
        items={groups.changed.map(describeChange)}
      />
      <DiffSection
        title="Needs attention after cloning"
        testId="clone-diff-attention"
        items={plan.attention.map(({ item, reason }) =>
          withReason(describeAttentionItem(item), reason),
        )}
      />
      <DiffSection
        title="Data"
        testId="clone-diff-data"
        items={plan.data.map(
          step => `${step.service} (${step.engine}): ${step.detail}`,
        )}
      />
      <DiffSection
        title="Left out"
        testId="clone-diff-dropped"
        items={groups.dropped.map(entry =>
          withReason(entry.path, entry.reason),
        )}
      />
      <DiffSection
        title="Copied"
        testId="clone-diff-copied"
        items={groups.copied.map(describeCopy)}
      />
    </Box>
  );
}

const ERROR_TITLES = {
  byStatus: {
    409: 'The name is taken',
    400: 'The clone request was refused',
    403: 'Not allowed',
  },
  fallback: 'Could not clone',
};

/** The form of the dialog: open with the defaults, reset when closed. */
function CloneForm(props: {
  environment: ApiEnvironment;
  onClose: () => void;
  /** The groups to offer as the clone's owner. */
  owners: EntityChoice[];
  defaultOwner: string;
  isAdmin: boolean;
  productionAllowed: boolean;
}) {
  const { environment, onClose, owners, isAdmin, productionAllowed } = props;
  const source = environment.name;
  const environmentsApi = useApi(environmentsApiRef);
  const environmentLink = useRouteRef(environmentRouteRef);
  const navigate = useNavigate();
  const allServices = environment.services.map(service => service.name);

  const [name, setName] = useState(() => defaultCloneName(source));
  const [mode, setMode] = useState<EnvironmentMode>('development');
  const [owner, setOwner] = useState(props.defaultOwner);
  const [ttl, setTtl] = useState(defaultPolicy('development').ttl);
  const [ttlTouched, setTtlTouched] = useState(false);
  const [dataPolicy, setDataPolicy] = useState<CloneDataPolicy>('empty');
  const [services, setServices] = useState<string[]>(allServices);
  const [plan, setPlan] = useState<ClonePlan>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [idempotencyKey] = useState(newIdempotencyKey);

  const nameProblem = environmentNameProblem(name);
  const availability = useNameAvailability(name, !nameProblem);
  const ttlProblem = durationProblem(ttl);
  const valid =
    !nameProblem &&
    availability !== 'taken' &&
    owner !== '' &&
    !ttlProblem &&
    services.length > 0;
  // The backend names the field of a 400, 403 or 409: show it there too.
  const fields = useMemo(
    () => (error === undefined ? [] : fieldErrorsOf(errorMessage(error))),
    [error],
  );
  const fieldError = (path: string) =>
    plan ? undefined : errorFor(fields, path);

  function changeMode(next: EnvironmentMode) {
    setMode(next);
    if (!ttlTouched) {
      setTtl(defaultPolicy(next).ttl);
    }
  }

  function toggleService(service: string, checked: boolean) {
    setServices(previous =>
      allServices.filter(s => (s === service ? checked : previous.includes(s))),
    );
  }

  function request(): Omit<CloneEnvironmentRequest, 'dryRun'> {
    return {
      name,
      mode,
      owner,
      ...(ttl.trim() !== '' && { ttl: ttl.trim() }),
      dataPolicy,
      // All services is the default; name them only for a subset.
      ...(services.length < allServices.length && { services }),
    };
  }

  async function preview() {
    setBusy(true);
    setError(undefined);
    try {
      setPlan(
        await environmentsApi.cloneEnvironment(source, {
          ...request(),
          dryRun: true,
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function clone() {
    setBusy(true);
    setError(undefined);
    try {
      const response = await environmentsApi.cloneEnvironment(
        source,
        request(),
        { idempotencyKey },
      );
      const created = response.environment?.name ?? name;
      onClose();
      if (environmentLink) {
        navigate(environmentLink({ name: created }));
      }
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

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
              onClick={() => setName(nameProblem.suggestion!)}
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
    <>
      <DialogTitle id="clone-dialog-title">Clone {source}</DialogTitle>
      {/* The backend's messages name long config keys: wrap them anywhere. */}
      <DialogContent style={{ overflowWrap: 'anywhere' }}>
        {!plan && (
          <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
            <TextField
              id="clone-name"
              label="Name"
              variant="outlined"
              size="small"
              fullWidth
              value={name}
              onChange={event => setName(event.target.value)}
              error={
                Boolean(nameProblem || fieldError('name')) ||
                availability === 'taken'
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
                changeMode(event.target.value as EnvironmentMode)
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
              onChange={setOwner}
            />
            <TextField
              id="clone-ttl"
              label="Time to live"
              variant="outlined"
              size="small"
              fullWidth
              value={ttl}
              onChange={event => {
                setTtl(event.target.value);
                setTtlTouched(true);
              }}
              error={Boolean(ttlProblem || fieldError('ttl'))}
              helperText={
                ttlProblem ??
                fieldError('ttl') ??
                'e.g. 3d; empty keeps the mode’s default'
              }
            />
            <FormControl component="fieldset">
              <FormLabel component="legend">Data</FormLabel>
              <RadioGroup
                aria-label="Data"
                value={dataPolicy}
                onChange={event =>
                  setDataPolicy(event.target.value as CloneDataPolicy)
                }
              >
                {CLONE_DATA_POLICIES.map(policy => (
                  <FormControlLabel
                    key={policy}
                    value={policy}
                    control={<Radio color="primary" />}
                    label={
                      <span>
                        {POLICY_LABELS[policy]}
                        <Typography
                          variant="caption"
                          color="textSecondary"
                          component="span"
                        >
                          {' '}
                          — {DATA_POLICY_HELP[policy]}
                        </Typography>
                      </span>
                    }
                  />
                ))}
              </RadioGroup>
            </FormControl>
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
                          toggleService(service, event.target.checked)
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
          </Box>
        )}
        {plan && <ClonePlanView plan={plan} />}
        {error !== undefined && (
          <Box mt={2}>
            <Alert severity="error">
              <AlertTitle>{errorTitle(error, ERROR_TITLES)}</AlertTitle>
              {errorMessage(error)}
            </Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        {plan ? (
          <>
            <Button
              disabled={busy}
              onClick={() => {
                setPlan(undefined);
                setError(undefined);
              }}
            >
              Back
            </Button>
            <Button
              color="primary"
              variant="contained"
              disabled={busy}
              onClick={clone}
            >
              Clone
            </Button>
          </>
        ) : (
          <Button
            color="primary"
            variant="contained"
            disabled={!valid || busy}
            onClick={preview}
          >
            Preview changes
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
          Clone {environment.name}
        </DialogTitle>
        <DialogContent>
          <Alert severity="error">
            <AlertTitle>Could not load your groups</AlertTitle>
            {errorMessage(groups.error)}
          </Alert>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
        </DialogActions>
      </>
    );
  }
  if (!groups.value || admin.loading || productionAllowed === undefined) {
    return (
      <>
        <DialogTitle id="clone-dialog-title">
          Clone {environment.name}
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
 * owner, time to live, data policy, services), then the dry run's diff; confirming
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
      maxWidth="sm"
    >
      {open && <CloneFormLoader environment={environment} onClose={onClose} />}
    </Dialog>
  );
}
