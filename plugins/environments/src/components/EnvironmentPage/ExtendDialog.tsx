import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import { useState } from 'react';

/** How long an extension can add, as the backend's durations. */
export const EXTEND_CHOICES = [
  { value: '1d', label: '1 day' },
  { value: '3d', label: '3 days' },
  { value: '7d', label: '1 week' },
] as const;

/**
 * Pushes back an environment's expiry (TTL). Opened from the Extend button
 * or from the link of an expiry notification (`?action=extend`).
 */
export function ExtendDialog(props: {
  name: string;
  expiresAt?: string;
  open: boolean;
  onCancel: () => void;
  onConfirm: (by: string) => void;
}) {
  const { name, expiresAt, open, onCancel, onConfirm } = props;
  const [by, setBy] = useState<string>('3d');
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      aria-labelledby="extend-dialog-title"
    >
      <DialogTitle id="extend-dialog-title">Extend {name}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {expiresAt
            ? `It expires ${new Date(
                expiresAt,
              ).toLocaleString()} and is then destroyed. Keep it longer by:`
            : 'It has no expiry yet. Give it one of:'}
        </DialogContentText>
        <RadioGroup
          aria-label="Extend by"
          value={by}
          onChange={event => setBy(event.target.value)}
        >
          {EXTEND_CHOICES.map(choice => (
            <FormControlLabel
              key={choice.value}
              value={choice.value}
              control={<Radio color="primary" />}
              label={choice.label}
            />
          ))}
        </RadioGroup>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={() => onConfirm(by)}
        >
          Extend
        </Button>
      </DialogActions>
    </Dialog>
  );
}
