import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import type {
  ApiEnvironment,
  OperationResponse,
  ServiceTemplateSummary,
} from '../../api';
import { environmentsTranslationRef } from '../../translation';
import { AddServiceForm } from './AddServiceForm';
import { TemplateChooser } from './TemplateChooser';

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

function AddServiceFlow(props: Omit<AddServiceDialogProps, 'open'>) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const [chosen, setChosen] = useState<ServiceTemplateSummary>();
  const template = props.template ?? chosen;
  if (!template) {
    return (
      <>
        <DialogTitle id="add-service-dialog-title">
          {props.environment
            ? t('addServiceDialog.chooseTitleTo', {
                environment: props.environment.name,
              })
            : t('addServiceDialog.chooseTitle')}
        </DialogTitle>
        <DialogContent dividers>
          <Typography variant="body2" paragraph>
            {t('addServiceDialog.chooseTemplate')}
          </Typography>
          <TemplateChooser onChoose={setChosen} />
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
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
