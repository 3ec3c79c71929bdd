import type {
  CloneDataPolicy,
  DatabaseEngine,
  DatabaseMode,
} from '@greenroom/plugin-environments-common';

/** Engines whose data a clone can copy, as the clone planner has them. */
const COPYABLE_ENGINES: ReadonlyArray<DatabaseEngine> = ['postgresql', 'mysql'];

/**
 * The data policies a database of the clone can take, in the order the
 * dialog offers them: empty first (the default), a copy only of engines
 * whose data is copied, a snapshot only of a managed database.
 */
export function dataPolicyChoices(database: {
  engine: DatabaseEngine;
  mode: DatabaseMode;
}): CloneDataPolicy[] {
  return [
    'empty',
    ...(COPYABLE_ENGINES.includes(database.engine) ? ['copy' as const] : []),
    'seed',
    ...(database.mode === 'managed' ? ['snapshot' as const] : []),
  ];
}
