import type { DatabaseEngine } from '@greenroom/plugin-environments-common';
import { RuntimeError } from '@greenroom/plugin-environments-node';
import type { DataEngine } from './DataEngine';
import { mysqlEngine } from './mysqlEngine';
import { postgresqlEngine } from './postgresqlEngine';

/** The engines whose databases data Jobs can copy and seed. */
export const DATA_ENGINES: Partial<Record<DatabaseEngine, DataEngine>> = {
  postgresql: postgresqlEngine,
  mysql: mysqlEngine,
};

/**
 * The engine's entry, or a permanent error saying which engines can be
 * loaded here.
 */
export function dataEngine(engine: DatabaseEngine, service: string) {
  const found = DATA_ENGINES[engine];
  if (!found) {
    throw new RuntimeError(
      `${service}: the kubernetes runtime cannot load data into a ${engine} database yet; it can into ${Object.keys(
        DATA_ENGINES,
      ).join(', ')}`,
      { transient: false, code: 'DataEngineUnsupported' },
    );
  }
  return found;
}

/** The client image of `engine` for a database of `version`. */
export function clientImage(
  engine: DatabaseEngine,
  version: string,
  images: Partial<Record<DatabaseEngine, string>>,
) {
  const template = images[engine] ?? DATA_ENGINES[engine]?.image ?? '';
  return template.replace(/\{version\}/g, version);
}
