import { environmentsTranslationRef } from '../../translation';
import { ResponseErrorPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';

/** A failed load: the error as Backstage shows it, and a Retry button. */
export function ErrorWithRetry(props: { error: Error; onRetry: () => void }) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  return (
    <>
      <ResponseErrorPanel error={props.error} />
      <Box mt={2}>
        <Button variant="outlined" onClick={props.onRetry}>
          {t('common.retry')}
        </Button>
      </Box>
    </>
  );
}
