import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import type { ReactNode } from 'react';
import { ErrorWithRetry } from './ErrorWithRetry';
import { NoMatches } from './NoMatches';

/**
 * A list under its filters, in each of its states: progress on the first
 * load, `empty` when nothing exists at all, the error with Retry, "no match"
 * with the way out of the filters, else the list (`children`).
 */
export function FilteredList(props: {
  /** The filter bar; hidden on the first load and in the empty state. */
  filters: ReactNode;
  /** How many items match, once the first answer came. */
  count: number | undefined;
  loading: boolean;
  error?: Error;
  onRetry: () => void;
  /** Whether a filter is set, so that no item means no match. */
  filtered: boolean;
  /** What shows when nothing exists yet. */
  empty: ReactNode;
  noMatchesTitle: string;
  onClearFilters: () => void;
  /** Between the filters and the list, e.g. a bar while it reloads. */
  status?: ReactNode;
  children: ReactNode;
}) {
  const { count, loading, error } = props;
  if (count === undefined && !error && loading) {
    return <Progress />;
  }
  if (count === 0 && !props.filtered && !loading) {
    return <>{props.empty}</>;
  }
  let body = props.children;
  if (error) {
    body = <ErrorWithRetry error={error} onRetry={props.onRetry} />;
  } else if (count === 0) {
    body = (
      <NoMatches title={props.noMatchesTitle} onClear={props.onClearFilters} />
    );
  }
  return (
    <>
      <Box mb={2}>{props.filters}</Box>
      {props.status}
      {body}
    </>
  );
}
