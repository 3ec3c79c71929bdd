import {
  RDSClient,
  StopDBClusterCommand,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { rdsErrorCode } from './errors';
import { listManagedInstances } from './listManagedInstances';

/** @public */
export interface RestopOptions {
  client: RDSClient;
  /** Only instances tagged with this installation are looked at. */
  installationId: string;
  logger: LoggerService;
  /** True when the environment should be stopped; false when it should run or is unknown. */
  isDesiredStopped(
    environmentName: string,
    environmentId: string | undefined,
  ): Promise<boolean>;
  signal?: AbortSignal;
}

/** @public */
export interface RestopResult {
  /** Instances (or Aurora clusters) stopped again. */
  stopped: string[];
  /** Still starting: AWS refuses to stop them yet; the next run does it. */
  deferred: string[];
  failed: string[];
}

/**
 * AWS starts a stopped RDS instance by itself after 7 days. This finds
 * Greenroom's instances that are up (or coming up) although their environment
 * should be stopped, and stops them again. Environments that should run, or
 * that Greenroom no longer knows, are left alone.
 */
export async function restopAutoStartedInstances(
  options: RestopOptions,
): Promise<RestopResult> {
  const { client, logger, isDesiredStopped, signal, installationId } = options;
  const result: RestopResult = { stopped: [], deferred: [], failed: [] };
  // A failed listing throws: better to skip a run than act on part of it.
  const instances = await listManagedInstances(client, installationId);
  const done = new Set<string>();

  for (const instance of instances) {
    signal?.throwIfAborted();
    if (!['available', 'starting'].includes(instance.status)) continue;
    if (!instance.environmentName) continue;
    // An Aurora cluster is stopped as a whole, once.
    const target = instance.clusterIdentifier ?? instance.identifier;
    if (done.has(target)) continue;
    const log = logger.child({
      dbInstance: instance.identifier,
      environment: instance.environmentName,
    });

    let stopWanted: boolean;
    try {
      stopWanted = await isDesiredStopped(
        instance.environmentName,
        instance.environmentId,
      );
    } catch (error) {
      log.warn(
        'Could not read the desired state of the environment; leaving its RDS instance alone',
        error as Error,
      );
      result.failed.push(target);
      continue;
    }
    if (!stopWanted) continue;
    done.add(target);

    if (instance.status === 'starting') {
      log.info(
        'RDS instance is starting although its environment is stopped; it is stopped again once available',
      );
      result.deferred.push(target);
      continue;
    }
    try {
      if (instance.clusterIdentifier) {
        await client.send(
          new StopDBClusterCommand({ DBClusterIdentifier: target }),
          { abortSignal: signal },
        );
      } else {
        await client.send(
          new StopDBInstanceCommand({ DBInstanceIdentifier: target }),
          { abortSignal: signal },
        );
      }
      log.info(
        'Stopped RDS instance again: AWS had started it after 7 days stopped',
      );
      result.stopped.push(target);
    } catch (error) {
      if (
        rdsErrorCode(error) === 'InvalidDBInstanceState' ||
        rdsErrorCode(error) === 'InvalidDBClusterState'
      ) {
        log.info('RDS instance is busy; it is stopped again on the next run');
        result.deferred.push(target);
      } else {
        log.warn('Could not stop RDS instance again', error as Error);
        result.failed.push(target);
      }
    }
  }
  if (result.stopped.length || result.deferred.length || result.failed.length) {
    logger.info('Re-stop check of AWS RDS instances done', {
      stopped: result.stopped.length,
      deferred: result.deferred.length,
      failed: result.failed.length,
    });
  }
  return result;
}
