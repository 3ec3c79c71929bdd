export { ErrorWithRetry } from './ErrorWithRetry';
export { NoMatches } from './NoMatches';
export { FilteredList } from './FilteredList';
