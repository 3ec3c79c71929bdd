// The data package as tests use it while its builders may still be the
// placeholders that throw "not implemented yet": those get stand-ins, the
// implemented ones run as they are.
import type * as DataNode from '@greenroom/plugin-environments-data-node';

function orStandIn<A extends unknown[], R>(
  real: (...args: A) => R,
  standIn: (...args: A) => R,
) {
  return (...args: A): R => {
    try {
      return real(...args);
    } catch (error) {
      if (/not implemented yet/.test((error as Error).message)) {
        return standIn(...args);
      }
      throw error;
    }
  };
}

/** For `jest.mock('@greenroom/plugin-environments-data-node', …)`. */
export function dataNodeWithStandIns(): typeof DataNode {
  const actual: typeof DataNode = jest.requireActual(
    '@greenroom/plugin-environments-data-node',
  );
  return {
    ...actual,
    postgresDumpScript: orStandIn(
      actual.postgresDumpScript,
      () => 'pg_dump --stand-in',
    ),
    postgresRestoreScript: orStandIn(
      actual.postgresRestoreScript,
      () => 'psql --stand-in',
    ),
    // The reports as JSON lines.
    parseTransformerReport: orStandIn(actual.parseTransformerReport, line => {
      try {
        const report = JSON.parse(line);
        return typeof report?.type === 'string' ? report : undefined;
      } catch {
        return undefined;
      }
    }),
  };
}
