import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useState } from 'react';
import { errorMessage, errorStatus, errorTitle } from '../../lib/errors';
import { environmentsTranslationRef } from '../../translation';
import { errorFor, fieldErrorsOf } from '../NewEnvironmentPage/formModel';

/** How long an extension can add, as the backend's durations. */
export const EXTEND_CHOICES = [
  { value: '1d', message: 'extendDialog.oneDay' },
  { value: '3d', message: 'extendDialog.threeDays' },
  { value: '7d', message: 'extendDialog.oneWeek' },
] as const;

function ExtendForm(props: {
  name: string;
  expiresAt?: string;
  onCancel: () => void;
  onConfirm: (by: string) => Promise<void>;
}) {
  const { name, expiresAt, onCancel, onConfirm } = props;
  const [by, setBy] = useState<string>('3d');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const { t } = useTranslationRef(environmentsTranslationRef);

  /** What the backend's refusal means for the user, with its own words. */
  function describeRefusal(refused: unknown) {
    const message = errorMessage(refused);
    // The message names the field (`by: …`); the dialog has only that one.
    const detail = errorFor(fieldErrorsOf(message), 'by') ?? message;
    return {
      title: errorTitle(refused, {
        byStatus: {
          409: t('extendDialog.errors.noExpiry'),
          400: t('extendDialog.errors.tooLong'),
          403: t('common.notAllowed'),
        },
        fallback: t('extendDialog.errors.fallback'),
      }),
      detail:
        errorStatus(refused) === 400
          ? t('extendDialog.pickShorter', { detail })
          : detail,
    };
  }
  const refusal = error === undefined ? undefined : describeRefusal(error);

  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(by);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <>
      <DialogTitle id="extend-dialog-title">
        {t('extendDialog.title', { name })}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {expiresAt
            ? t('extendDialog.expires', {
                expiresAt: new Date(expiresAt).toLocaleString(),
              })
            : t('extendDialog.noExpiry')}
        </DialogContentText>
        {expiresAt && (
          <RadioGroup
            aria-label={t('extendDialog.extendBy')}
            value={by}
            onChange={event => {
              setBy(event.target.value);
              setError(undefined);
            }}
          >
            {EXTEND_CHOICES.map(choice => (
              <FormControlLabel
                key={choice.value}
                value={choice.value}
                control={<Radio color="primary" />}
                label={t(choice.message)}
              />
            ))}
          </RadioGroup>
        )}
        {refusal && (
          <Box mt={1}>
            <Alert severity="error">
              <AlertTitle>{refusal.title}</AlertTitle>
              {refusal.detail}
            </Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>
          {expiresAt ? t('common.cancel') : t('common.close')}
        </Button>
        {expiresAt && (
          <Button
            color="primary"
            variant="contained"
            disabled={busy}
            onClick={confirm}
          >
            {busy ? t('extendDialog.extending') : t('extendDialog.confirm')}
          </Button>
        )}
      </DialogActions>
    </>
  );
}

/**
 * Pushes back an environment's expiry (TTL). Opened from the Extend button
 * or from the link of an expiry notification (`?action=extend`). It stays
 * open, with the reason, when the backend refuses: no expiry to extend (409)
 * or beyond the mode's maximum lifetime (400).
 */
export function ExtendDialog(props: {
  name: string;
  expiresAt?: string;
  open: boolean;
  onCancel: () => void;
  /** Rejects with the backend's error, which the dialog shows. */
  onConfirm: (by: string) => Promise<void>;
}) {
  const { name, expiresAt, open, onCancel, onConfirm } = props;
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      aria-labelledby="extend-dialog-title"
    >
      {open && (
        <ExtendForm
          name={name}
          expiresAt={expiresAt}
          onCancel={onCancel}
          onConfirm={onConfirm}
        />
      )}
    </Dialog>
  );
}
