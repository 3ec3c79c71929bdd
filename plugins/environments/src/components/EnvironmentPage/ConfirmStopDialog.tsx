import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { environmentsTranslationRef } from '../../translation';

/** Asks before stopping a production environment. */
export function ConfirmStopDialog(props: {
  name: string;
  open: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { name, open, onCancel, onConfirm } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby="stop-dialog-title">
      <DialogTitle id="stop-dialog-title">
        {t('stopDialog.title', { name })}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {t('stopDialog.description', { name })}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button color="primary" variant="contained" onClick={onConfirm}>
          {t('stopDialog.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
