import { EmptyState } from '@backstage/core-components';
import Button from '@material-ui/core/Button';

/** A filtered list that came back empty, with the way out. */
export function NoMatches(props: { title: string; onClear: () => void }) {
  return (
    <EmptyState
      missing="data"
      title={props.title}
      description="Try another search or fewer filters."
      action={
        <Button variant="outlined" color="primary" onClick={props.onClear}>
          Clear filters
        </Button>
      }
    />
  );
}
