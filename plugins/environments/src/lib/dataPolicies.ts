import {
  COPYABLE_ENGINES,
  type CloneDataPolicy,
  type DatabaseEngine,
  type DatabaseMode,
} from '@greenroom/plugin-environments-common';

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
