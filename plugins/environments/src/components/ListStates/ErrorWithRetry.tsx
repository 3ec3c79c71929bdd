import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';

/** A failed load: the error as Backstage shows it, and a Retry button. */
export function ErrorWithRetry(props: { error: Error; onRetry: () => void }) {
  return (
    <>
      <ResponseErrorPanel error={props.error} />
      <Box mt={2}>
        <Button variant="outlined" onClick={props.onRetry}>
          Retry
        </Button>
      </Box>
    </>
  );
}
