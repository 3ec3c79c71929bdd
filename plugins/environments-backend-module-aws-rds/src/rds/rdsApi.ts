import {
  DBCluster,
  DBInstance,
  DeleteDBClusterCommand,
  DeleteDBInstanceCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  ModifyDBClusterCommand,
  ModifyDBInstanceCommand,
  RDSClient,
  StartDBClusterCommand,
  StartDBInstanceCommand,
  StopDBClusterCommand,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds';
import {
  RetryOptions,
  RuntimeError,
  retryWithBackoff,
} from '@greenroom/plugin-environments-node';
import type { AwsRdsConfig } from './config';
import type { Ctx } from './databaseSpec';
import {
  RdsErrorContext,
  ignoreNotFound,
  toRuntimeError,
  unlessNotFound,
} from './errors';
import { pollUntil } from './poll';
import { failureOf } from './status';

// A freshly created resource can be missing from a Describe call for a
// moment; after this many "not found" answers in a row it is really gone.
export const NOT_FOUND_TOLERANCE = 5;

/** Backoff for transient AWS failures. */
export type RetryPolicy = Pick<
  RetryOptions,
  'retries' | 'baseDelayMs' | 'maxDelayMs'
>;

/** An instance's or cluster's AWS identifier with what AWS said about it. */
export interface Named<T> {
  identifier: string;
  resource: T;
}

/**
 * The RDS calls of the provider: each retried when the failure is transient
 * and turned into a RuntimeError, and the reads and waits built on them. The
 * calls that differ only between an instance and an Aurora cluster take
 * `aurora` and send the one or the other.
 */
export class RdsApi {
  constructor(
    readonly client: RDSClient,
    readonly config: AwsRdsConfig,
    readonly retry: RetryPolicy,
  ) {}

  retryOptions(ctx: Ctx): RetryOptions {
    return {
      ...this.retry,
      signal: ctx.signal,
      onRetry: (error, attempt, delayMs) =>
        ctx.logger.warn(`Retrying AWS RDS call: ${(error as Error).message}`, {
          attempt,
          delayMs,
        }),
    };
  }

  /**
   * One AWS call: failures become RuntimeErrors (code kept) and transient
   * ones (throttling, 5xx, capacity, busy instance) are retried with backoff.
   */
  async call<T>(
    ctx: Ctx,
    about: RdsErrorContext,
    send: (abortSignal: AbortSignal) => Promise<T>,
    options: { retries?: number } = {},
  ): Promise<T> {
    return retryWithBackoff(
      async () => {
        try {
          return await send(ctx.signal);
        } catch (error) {
          throw toRuntimeError(error, about);
        }
      },
      {
        ...this.retryOptions(ctx),
        ...(options.retries !== undefined ? { retries: options.retries } : {}),
      },
    );
  }

  // --- reading ----------------------------------------------------------

  async describeInstance(
    id: string,
    ctx: Ctx,
    about: RdsErrorContext,
  ): Promise<DBInstance | undefined> {
    const out = await this.#read(
      'DBInstanceNotFound',
      ctx,
      about,
      abortSignal =>
        this.client.send(
          new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }),
          { abortSignal },
        ),
    );
    return out?.DBInstances?.[0];
  }

  async describeCluster(
    id: string,
    ctx: Ctx,
    about: RdsErrorContext,
  ): Promise<DBCluster | undefined> {
    const out = await this.#read('DBClusterNotFound', ctx, about, abortSignal =>
      this.client.send(
        new DescribeDBClustersCommand({ DBClusterIdentifier: id }),
        { abortSignal },
      ),
    );
    return out?.DBClusters?.[0];
  }

  /** Instances with these identifiers (a filter: none found is an empty list). */
  async describeInstancesNamed(
    names: string[],
    ctx: Ctx,
    about: RdsErrorContext,
  ): Promise<Array<Named<DBInstance>>> {
    const out = await this.#read(
      'DBInstanceNotFound',
      ctx,
      about,
      abortSignal =>
        this.client.send(
          new DescribeDBInstancesCommand({
            Filters: [{ Name: 'db-instance-id', Values: names }],
          }),
          { abortSignal },
        ),
    );
    return named(out?.DBInstances, instance => instance.DBInstanceIdentifier);
  }

  /** Aurora clusters with these identifiers (none found is an empty list). */
  async describeClustersNamed(
    names: string[],
    ctx: Ctx,
    about: RdsErrorContext,
  ): Promise<Array<Named<DBCluster>>> {
    const out = await this.#read('DBClusterNotFound', ctx, about, abortSignal =>
      this.client.send(
        new DescribeDBClustersCommand({
          Filters: [{ Name: 'db-cluster-id', Values: names }],
        }),
        { abortSignal },
      ),
    );
    return named(out?.DBClusters, cluster => cluster.DBClusterIdentifier);
  }

  /** A Describe call's answer; undefined when AWS says `notFoundCode`. */
  #read<T>(
    notFoundCode: string,
    ctx: Ctx,
    about: RdsErrorContext,
    send: (abortSignal: AbortSignal) => Promise<T>,
  ): Promise<T | undefined> {
    return unlessNotFound(notFoundCode, () => this.call(ctx, about, send));
  }

  // --- instance or cluster ----------------------------------------------

  async stop(ctx: Ctx, about: RdsErrorContext, id: string, aurora: boolean) {
    // Not retried here: the caller reads the state again before retrying.
    await this.call(
      ctx,
      about,
      abortSignal =>
        aurora
          ? this.client.send(
              new StopDBClusterCommand({ DBClusterIdentifier: id }),
              { abortSignal },
            )
          : this.client.send(
              new StopDBInstanceCommand({ DBInstanceIdentifier: id }),
              { abortSignal },
            ),
      { retries: 0 },
    );
  }

  async start(ctx: Ctx, about: RdsErrorContext, id: string, aurora: boolean) {
    await this.call(ctx, about, abortSignal =>
      aurora
        ? this.client.send(
            new StartDBClusterCommand({ DBClusterIdentifier: id }),
            { abortSignal },
          )
        : this.client.send(
            new StartDBInstanceCommand({ DBInstanceIdentifier: id }),
            { abortSignal },
          ),
    );
  }

  /** Sets the master password, applied at once. */
  async setPassword(
    ctx: Ctx,
    about: RdsErrorContext,
    id: string,
    aurora: boolean,
    password: string,
  ) {
    await this.#modify(ctx, about, id, aurora, {
      MasterUserPassword: password,
    });
  }

  /** Changes settings of the instance or cluster, applied at once. */
  async #modify(
    ctx: Ctx,
    about: RdsErrorContext,
    id: string,
    aurora: boolean,
    change: { MasterUserPassword?: string; DeletionProtection?: boolean },
  ) {
    const now = { ...change, ApplyImmediately: true };
    await this.call(ctx, about, abortSignal =>
      aurora
        ? this.client.send(
            new ModifyDBClusterCommand({ DBClusterIdentifier: id, ...now }),
            { abortSignal },
          )
        : this.client.send(
            new ModifyDBInstanceCommand({ DBInstanceIdentifier: id, ...now }),
            { abortSignal },
          ),
    );
  }

  /**
   * Deletes a standalone instance or an Aurora cluster, lifting its deletion
   * protection first, with a final snapshot when one is named. Gone already
   * is done.
   */
  async deleteDatabase(
    ctx: Ctx,
    about: RdsErrorContext,
    options: {
      id: string;
      aurora: boolean;
      deletionProtection?: boolean;
      finalSnapshot?: string;
    },
  ) {
    const { id, aurora, finalSnapshot } = options;
    if (options.deletionProtection) {
      await this.#modify(ctx, about, id, aurora, { DeletionProtection: false });
    }
    const snapshot = {
      SkipFinalSnapshot: !finalSnapshot,
      FinalDBSnapshotIdentifier: finalSnapshot,
    };
    await ignoreNotFound(
      this.call(ctx, about, abortSignal =>
        aurora
          ? this.client.send(
              new DeleteDBClusterCommand({
                DBClusterIdentifier: id,
                ...snapshot,
              }),
              { abortSignal },
            )
          : this.client.send(
              new DeleteDBInstanceCommand({
                DBInstanceIdentifier: id,
                ...snapshot,
              }),
              { abortSignal },
            ),
      ),
    );
  }

  // --- waiting ----------------------------------------------------------

  /**
   * Polls until the instance is `available`, `stopped` or gone. Failed states
   * end the wait with a permanent error that says what to do.
   */
  async waitForInstance(
    id: string,
    target: 'available' | 'stopped' | 'gone',
    ctx: Ctx,
    about: RdsErrorContext,
    settled: (instance: DBInstance) => boolean = () => true,
  ): Promise<DBInstance | undefined> {
    let missing = 0;
    return pollUntil<DBInstance | undefined>({
      read: async () => {
        const instance = await this.describeInstance(id, ctx, about);
        missing = instance ? 0 : missing + 1;
        return instance;
      },
      isDone: instance =>
        target === 'gone'
          ? instance === undefined
          : instance?.DBInstanceStatus === target && settled(instance),
      check: instance => {
        if (target === 'gone') return;
        if (!instance && missing >= NOT_FOUND_TOLERANCE) {
          throw new RuntimeError(
            `RDS instance ${id} disappeared while Greenroom waited for it to become ${target}; it may have been deleted outside Greenroom, or its creation failed (see its events in the AWS console)`,
            { transient: false, code: 'DBInstanceNotFound' },
          );
        }
        const failure =
          instance && failureOf(instance.DBInstanceStatus ?? '', id);
        if (failure) {
          throw new RuntimeError(failure, {
            transient: false,
            code: instance.DBInstanceStatus,
          });
        }
      },
      describe: instance => instance?.DBInstanceStatus ?? 'not found',
      what: `RDS instance ${id} to ${
        target === 'gone' ? 'be deleted' : `become ${target}`
      }`,
      ...this.pollTiming(ctx),
    });
  }

  async waitForClusterGone(id: string, ctx: Ctx, about: RdsErrorContext) {
    await pollUntil({
      read: () => this.describeCluster(id, ctx, about),
      isDone: cluster => cluster === undefined,
      describe: cluster => cluster?.Status ?? 'gone',
      what: `Aurora cluster ${id} to be deleted`,
      ...this.pollTiming(ctx),
    });
  }

  /** How often and how long to poll, from the config, for this operation. */
  pollTiming(ctx: Ctx) {
    return {
      intervalMs: this.config.pollIntervalMs,
      timeoutMs: this.config.availableTimeoutMs,
      signal: ctx.signal,
      logger: ctx.logger,
    };
  }
}

function named<T>(
  resources: T[] | undefined,
  identifierOf: (resource: T) => string | undefined,
): Array<Named<T>> {
  return (resources ?? []).map(resource => ({
    identifier: identifierOf(resource) ?? '',
    resource,
  }));
}
