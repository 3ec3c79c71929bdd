import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import DialogContentText from '@material-ui/core/DialogContentText';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { environmentsTranslationRef } from '../../translation';
import { EnvironmentLinks } from './EnvironmentLink';

/**
 * In the stop and destroy dialogs of an environment others share: who shares
 * it and what they lose, and the backend's refusal when someone started
 * sharing it after the page loaded.
 */
export function SharedBaseNotice(props: {
  name: string;
  action: 'stop' | 'destroy';
  sharedWith: ReadonlyArray<string>;
  /** Why the backend refused the last attempt. */
  conflict?: string;
}) {
  const { name, action, sharedWith, conflict } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <>
      {sharedWith.length > 0 && (
        <DialogContentText>
          {t(`sharedBaseNotice.${action}`, {
            name,
            names: <EnvironmentLinks names={sharedWith} />,
          })}
        </DialogContentText>
      )}
      {conflict && (
        <Box mb={2}>
          <Alert severity="warning">
            <AlertTitle>
              {t('sharedBaseNotice.conflictTitle', { name })}
            </AlertTitle>
            {conflict}
          </Alert>
        </Box>
      )}
    </>
  );
}
