import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import AddIcon from '@material-ui/icons/Add';
import { environmentUpdatePermission } from '@greenroom/plugin-environments-common';
import { useState } from 'react';
import type { ApiEnvironment, OperationResponse } from '../../api';
import { environmentsTranslationRef } from '../../translation';
import { AddServiceDialog } from './AddServiceDialog';

/**
 * "Add service" for an environment's services: opens the template catalog,
 * then the form. Disabled, with the reason, without the update permission
 * or while the environment is being deleted.
 */
export function AddServiceButton(props: {
  environment: ApiEnvironment;
  onAccepted: (response: OperationResponse) => void;
}) {
  const { environment, onAccepted } = props;
  const [open, setOpen] = useState(false);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const update = usePermission({
    permission: environmentUpdatePermission,
    resourceRef: environment.name,
  });
  let reason: string | undefined;
  if (update.loading) {
    reason = t('common.checkingPermissions');
  } else if (!update.allowed) {
    reason = t('addServiceButton.notAllowed');
  } else if (
    environment.desiredState === 'deleted' ||
    environment.status === 'deleting' ||
    environment.status === 'deleted'
  ) {
    reason = t('addServiceButton.destroying');
  }
  const button = (
    <Button
      variant="outlined"
      color="primary"
      size="small"
      startIcon={<AddIcon />}
      disabled={Boolean(reason)}
      onClick={() => setOpen(true)}
    >
      {t('addServiceButton.label')}
    </Button>
  );
  return (
    <>
      {reason ? (
        <Tooltip title={reason}>
          <span data-testid="add-service-disabled">{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      <AddServiceDialog
        open={open}
        onClose={() => setOpen(false)}
        environment={environment}
        onAccepted={onAccepted}
      />
    </>
  );
}
