import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { environmentsTranslationRef } from '../../translation';
import { SharedBaseNotice } from './SharedBaseNotice';

const useStyles = makeStyles(theme => ({
  confirm: {
    color: theme.palette.error.contrastText,
    backgroundColor: theme.palette.error.main,
    '&:hover': {
      backgroundColor: theme.palette.error.dark,
    },
  },
}));

/**
 * Destroying needs the name typed in, so it is never a slip. The environments
 * that share this one are named, and so is the backend's refusal when
 * sharing began meanwhile.
 */
export function ConfirmDestroyDialog(props: {
  name: string;
  sharedWith: ReadonlyArray<string>;
  /** Why the backend refused the last attempt. */
  conflict?: string;
  open: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { name, open, onCancel, onConfirm } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(environmentsTranslationRef);
  const [typed, setTyped] = useState('');
  const confirmed = typed.trim() === name;
  const close = () => {
    setTyped('');
    onCancel();
  };
  const confirm = () => {
    setTyped('');
    onConfirm();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby="destroy-dialog-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="destroy-dialog-title">
        {t('destroyDialog.title', { name })}
      </DialogTitle>
      <DialogContent>
        {/* What others lose first: the description ends by asking for the name. */}
        <SharedBaseNotice
          name={name}
          action="destroy"
          sharedWith={props.sharedWith}
          conflict={props.conflict}
        />
        <DialogContentText>
          {t('destroyDialog.description', { name: <strong>{name}</strong> })}
        </DialogContentText>
        <TextField
          id="destroy-environment-confirm-name"
          fullWidth
          variant="outlined"
          size="small"
          label={t('destroyDialog.nameLabel')}
          value={typed}
          onChange={event => setTyped(event.target.value)}
          onKeyDown={event => {
            if (event.key === 'Enter' && confirmed) {
              confirm();
            }
          }}
          inputProps={{ autoComplete: 'off', spellCheck: false }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{t('common.cancel')}</Button>
        <Button
          variant="contained"
          disabled={!confirmed}
          className={confirmed ? classes.confirm : undefined}
          onClick={confirm}
        >
          {t('destroyDialog.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
