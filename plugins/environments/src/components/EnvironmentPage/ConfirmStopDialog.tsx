import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { environmentsTranslationRef } from '../../translation';
import { SharedBaseNotice } from './SharedBaseNotice';

/**
 * Asks before stopping a production environment, or one that others share
 * (naming them, and the backend's refusal when sharing began meanwhile).
 */
export function ConfirmStopDialog(props: {
  name: string;
  production: boolean;
  sharedWith: ReadonlyArray<string>;
  /** Why the backend refused the last attempt. */
  conflict?: string;
  open: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { name, production, open, onCancel, onConfirm } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby="stop-dialog-title">
      <DialogTitle id="stop-dialog-title">
        {production
          ? t('stopDialog.title', { name })
          : t('stopDialog.titleShared', { name })}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {production
            ? t('stopDialog.description', { name })
            : t('stopDialog.descriptionShared', { name })}
        </DialogContentText>
        <SharedBaseNotice
          name={name}
          action="stop"
          sharedWith={props.sharedWith}
          conflict={props.conflict}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button color="primary" variant="contained" onClick={onConfirm}>
          {production ? t('stopDialog.confirm') : t('stopDialog.confirmShared')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
