import type { Service } from '@greenroom/plugin-environments-common';
import {
  RuntimeError,
  type DataLoad,
  type ResolvedEnvironment,
} from '@greenroom/plugin-environments-node';
import { DATA_LOAD_LABEL, ownershipLabels } from '../render/labels';
import type { DataJobOptions } from '../runtime/options';
import { databaseConnection, qualifiedHost } from './connections';
import { clientImage, dataEngine } from './engines';
import {
  TRANSFORM_CONTAINER,
  dataJobName,
  renderCopyJob,
  renderSeedJob,
  type DataJobObjects,
} from './renderDataJob';

/** One data load as a Job to run, and how to speak of it. */
export interface DataJob {
  objects: DataJobObjects;
  /** `Copy of db from staging`: how messages name the load. */
  title: string;
  /** What a failure leaves behind, said after it. */
  afterFailure: string;
  /** The container whose log carries the transformer's reports. */
  reportsFrom?: string;
  /** Values masked wherever a log is quoted. */
  secrets: string[];
}

export interface DataJobPlace {
  /** The namespace of the environment loaded, where the Job runs. */
  namespace: string;
  /**
   * The source environment's namespace when it is in the same cluster:
   * its bare service hosts resolve with that namespace's suffix.
   */
  sourceNamespace?: string;
  clusterDomain?: string;
  installationId: string;
  options: DataJobOptions;
}

function databaseService(env: ResolvedEnvironment, name: string) {
  const service = env.environment.services.find(s => s.name === name);
  if (!service?.database) {
    throw new RuntimeError(
      `Environment ${env.environment.name} has no database service ${name} to load data into or from`,
      { transient: false, code: 'DataServiceUnknown' },
    );
  }
  return service as Service & { database: NonNullable<Service['database']> };
}

/**
 * The Job that carries out `load` in the environment's namespace, with the
 * ConfigMap and Secret it mounts.
 *
 * @throws RuntimeError (permanent) for an engine that cannot be loaded, a
 *   copy without its source or a source this cluster cannot reach, or a
 *   database whose connection is not known.
 */
export function dataJobFor(
  env: ResolvedEnvironment,
  load: DataLoad,
  place: DataJobPlace,
): DataJob {
  const service = databaseService(env, load.service);
  const engine = dataEngine(load.engine, load.service);
  const target = {
    connection: databaseConnection(env, load.service),
    image: clientImage(
      load.engine,
      service.database.version,
      place.options.images,
    ),
  };
  const meta = {
    name: dataJobName(load.service, load.action, load.transformKey),
    namespace: place.namespace,
    labels: {
      ...ownershipLabels(env.environment, place.installationId, load.service),
      [DATA_LOAD_LABEL]: load.action,
    },
    options: place.options,
  };
  const passwords = [target.connection.password ?? ''];

  if (load.action === 'seed') {
    if (!load.seed) {
      throw new RuntimeError(`${load.service}: a seed load needs its seed`, {
        transient: false,
        code: 'DataSeedMissing',
      });
    }
    return {
      objects: renderSeedJob(meta, { engine, target, seed: load.seed }),
      title: `Seed of ${load.service}`,
      afterFailure:
        'sql' in load.seed
          ? engine.afterFailure.sqlSeed
          : 'the database keeps what the seed image wrote before it failed',
      secrets: passwords,
    };
  }

  const { source } = load;
  if (!source) {
    throw new RuntimeError(`${load.service}: a copy needs its source`, {
      transient: false,
      code: 'DataSourceMissing',
    });
  }
  const sourceConnection = databaseConnection(source, load.service);
  if (!sourceConnection.host.includes('.') && !place.sourceNamespace) {
    throw new RuntimeError(
      `${load.service}: the database of ${source.environment.name} (${sourceConnection.host}) is not reachable from this cluster; copies run in the clone's cluster and reach in-cluster sources in the same cluster only`,
      { transient: false, code: 'DataSourceUnreachable' },
    );
  }
  return {
    objects: renderCopyJob(meta, {
      engine,
      source: {
        connection: {
          ...sourceConnection,
          host: place.sourceNamespace
            ? qualifiedHost(
                sourceConnection.host,
                place.sourceNamespace,
                place.clusterDomain,
              )
            : sourceConnection.host,
        },
        image: clientImage(
          load.engine,
          databaseService(source, load.service).database.version,
          place.options.images,
        ),
      },
      target,
      rules: load.rules ?? { sensitive: [], rules: [], subset: [] },
      transformKey: load.transformKey,
    }),
    title: `Copy of ${load.service} from ${source.environment.name}`,
    afterFailure: engine.afterFailure.copy,
    reportsFrom: TRANSFORM_CONTAINER,
    secrets: [...passwords, sourceConnection.password ?? '', load.transformKey],
  };
}
