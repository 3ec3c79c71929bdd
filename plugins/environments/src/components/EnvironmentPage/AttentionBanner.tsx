import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  AttentionItem,
  environmentUpdatePermission,
} from '@greenroom/plugin-environments-common';
import { FormEvent, useState } from 'react';
import { ApiEnvironment, environmentsApiRef } from '../../api';
import { isSecretSet, parseAttentionItem } from '../../lib/clone';
import { errorMessage } from '../../lib/errors';

/** `secret:STRIPE_KEY` → `Secret STRIPE_KEY`, `domain:x` → `Custom domain x`. */
export function describeAttentionItem(item: string): string {
  const { type, subject } = parseAttentionItem(item);
  switch (type) {
    case '':
      return item;
    case 'secret':
      return `Secret ${subject}`;
    case 'domain':
      return `Custom domain ${subject}`;
    case 'shared-data':
      return `Shared database ${subject}`;
    case 'baseline':
      return `Services shared by ${subject}`;
    default:
      return `${type} ${subject}`;
  }
}

/**
 * A masked input for a secret's value. The value lives only in this form's
 * state until it is sent, and is cleared as soon as it was accepted.
 */
function SecretForm(props: {
  environment: string;
  secretKey: string;
  service?: string;
  onSaved: (environment: ApiEnvironment) => void;
}) {
  const { environment, secretKey, service, onSaved } = props;
  const environmentsApi = useApi(environmentsApiRef);
  const [value, setValue] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const subject = service ? `${service}/${secretKey}` : secretKey;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (value === '' || saving) {
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      const updated = await environmentsApi.setVariable(
        environment,
        secretKey,
        { kind: 'secret', value },
        service,
      );
      setValue('');
      setSaving(false);
      onSaved(updated);
    } catch (e) {
      setError(errorMessage(e));
      setSaving(false);
    }
  }

  return (
    <form onSubmit={save} aria-label={`Set ${subject}`}>
      <Box display="flex" alignItems="flex-start" mt={0.5} style={{ gap: 8 }}>
        <TextField
          id={`secret-value-${subject.replace(/[^A-Za-z0-9_-]/g, '-')}`}
          type="password"
          size="small"
          variant="outlined"
          label={`Value of ${subject}`}
          value={value}
          onChange={event => setValue(event.target.value)}
          inputProps={{ autoComplete: 'new-password', spellCheck: false }}
        />
        <Button
          type="submit"
          variant="outlined"
          disabled={value === '' || saving}
        >
          Save
        </Button>
      </Box>
      {error && (
        <Typography variant="caption" color="error" component="div">
          Could not set {subject}: {error}
        </Typography>
      )}
    </form>
  );
}

/**
 * What the user must look at, e.g. what a clone could not carry over
 * (secrets, custom domains). A secret can be entered right here; it shows as
 * done once the environment has a value for it, and the banner shows until
 * every item is done. Other items show their reason.
 */
export function AttentionBanner(props: {
  environment: ApiEnvironment;
  /** Called with the environment a saved secret answered with. */
  onUpdated?: (environment: ApiEnvironment) => void;
}) {
  const { environment, onUpdated } = props;
  const items: AttentionItem[] = environment.attention;
  const update = usePermission({
    permission: environmentUpdatePermission,
    resourceRef: environment.name,
  });

  const rows = items.map(attention => {
    const parsed = parseAttentionItem(attention.item);
    const isSecret = parsed.type === 'secret' && Boolean(parsed.key);
    const done =
      isSecret && isSecretSet(environment, parsed.key!, parsed.service);
    return { attention, parsed, isSecret, done };
  });

  if (rows.every(row => row.done)) {
    return null;
  }
  return (
    <Alert severity="warning" role="alert">
      <AlertTitle>
        This environment needs your attention ({items.length})
      </AlertTitle>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {rows.map(({ attention, parsed, isSecret, done }) => (
          <li key={attention.item} data-testid={`attention-${attention.item}`}>
            <strong>{describeAttentionItem(attention.item)}</strong>
            {attention.reason ? `: ${attention.reason}` : ''}
            {done && (
              <Chip
                size="small"
                label="done"
                style={{ marginLeft: 8 }}
                aria-label={`${parsed.subject} is set`}
              />
            )}
            {isSecret && !done && update.allowed && (
              <SecretForm
                environment={environment.name}
                secretKey={parsed.key!}
                service={parsed.service}
                onSaved={updated => onUpdated?.(updated)}
              />
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
