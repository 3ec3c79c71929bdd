export { ErrorWithRetry } from './ErrorWithRetry';
export { NoMatches } from './NoMatches';
