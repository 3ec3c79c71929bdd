import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  DataRules,
  Environment,
  OperationType,
  VariableResolutionError,
  formatZodError,
  resolveVariables,
  type SharedBase,
} from '@greenroom/plugin-environments-common';
import { z } from 'zod';
import type { EnvironmentsConfig } from '../../config';
import type {
  EnvironmentHeader,
  EnvironmentsStore,
  NewActivity,
  NewOperation,
  OperationRecord,
  StoredEnvironment,
} from '../../storage/types';
import type { RuntimeRegistry } from '../../runtimes/RuntimeRegistry';
import { stepsFor } from '../../engine/steps';
import type { PreviewQuota } from '../../previews/PreviewQuota';
import { IdempotencyKeyReusedError } from '../idempotency';
import {
  NewCustomDomain,
  checkCostLimits,
  checkCustomDomains,
} from '../limits';
import type { RequestContext } from './RequestContext';

/** What the commands work with. */
export interface EnvironmentCommandsOptions {
  store: EnvironmentsStore;
  runtimes: RuntimeRegistry;
  config: EnvironmentsConfig;
  /** Tells the engine new work is queued. */
  wake: () => void;
  /**
   * Hands the engine an operation just stored with its new environment, to
   * run at once (see OperationEngine.submit); `wake` when not given.
   */
  submit?: (queued: {
    operation: OperationRecord;
    environment: StoredEnvironment;
  }) => void;
  /** The per-system quota of running previews. */
  previewQuota?: PreviewQuota;
  /**
   * The data rules of the templates an environment's databases were made
   * from, by service name (see `templateDataRules`); none when not given.
   */
  templateData?: (
    environment: Environment,
  ) => Promise<Record<string, DataRules>>;
  now?: () => Date;
}

/** The body parsed by `schema`, or a 400 naming the field. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  prefix?: string,
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InputError(formatZodError(result.error, prefix));
  }
  return result.data;
}

/**
 * What every kind of command needs: reading the environment, replaying a
 * retried request, queuing an operation, and the checks that several
 * commands share.
 */
export class CommandSupport {
  constructor(readonly options: EnvironmentCommandsOptions) {}

  now() {
    return this.options.now?.() ?? new Date();
  }

  async get(name: string): Promise<Environment> {
    const environment = await this.options.store.getEnvironment(name);
    if (!environment) {
      throw new NotFoundError(`No environment named '${name}'`);
    }
    return environment;
  }

  /**
   * The base an environment shares services of, as variables resolve
   * against it; undefined without a baseline or once the base is destroyed.
   */
  async sharedBase(
    environment: Pick<Environment, 'baseline'>,
  ): Promise<SharedBase | undefined> {
    if (!environment.baseline) return undefined;
    const base = await this.options.store.getEnvironmentById(
      environment.baseline.environmentId,
    );
    return base && base.desiredState !== 'deleted' ? base : undefined;
  }

  /** The environment, unless it is being destroyed (409): nothing more to change. */
  async getUndestroyed(name: string): Promise<Environment> {
    const environment = await this.get(name);
    if (environment.desiredState === 'deleted') {
      throw new ConflictError(`Environment '${name}' is being destroyed`);
    }
    return environment;
  }

  /**
   * The environment's own fields (no services or variables), unless it is
   * being destroyed (409): for commands that change only its row.
   */
  async getUndestroyedHeader(name: string): Promise<EnvironmentHeader> {
    const environment = await this.options.store.getEnvironmentHeader(name);
    if (!environment) {
      throw new NotFoundError(`No environment named '${name}'`);
    }
    if (environment.desiredState === 'deleted') {
      throw new ConflictError(`Environment '${name}' is being destroyed`);
    }
    return environment;
  }

  /**
   * The checks of a request that carries what its caller read: the same
   * environment (409), not of a mode it must not change (403). The revision
   * it expects is checked where the row is written.
   */
  checkPrecondition(current: EnvironmentHeader, ctx: RequestContext) {
    const { precondition } = ctx;
    if (!precondition) return;
    if (precondition.id !== current.id) {
      throw new ConflictError(
        `environment '${current.name}' is not the one read (it was replaced)`,
      );
    }
    if (precondition.refusedModes?.includes(current.mode)) {
      throw new NotAllowedError(
        `environment '${current.name}' is ${current.mode}: refused to this caller`,
      );
    }
  }

  /**
   * A retried request (same caller, same Idempotency-Key) gets the first
   * answer; the key sent with another request is a 422. Operations queued
   * before fingerprints were kept replay as before.
   */
  async replay(ctx: RequestContext) {
    if (!ctx.idempotencyKey) return undefined;
    const found = await this.options.store.findOperationByIdempotencyKey(
      ctx.actor,
      ctx.idempotencyKey,
    );
    if (!found) return undefined;
    if (
      found.requestFingerprint &&
      ctx.requestFingerprint &&
      found.requestFingerprint !== ctx.requestFingerprint
    ) {
      throw new IdempotencyKeyReusedError();
    }
    const { operation } = found;
    const environment = await this.options.store.getEnvironmentById(
      operation.environmentId,
    );
    // Answered again, changed nothing: the router says so in a header.
    return { environment, operation, replayed: true as const };
  }

  operation(
    type: OperationType,
    ctx: RequestContext,
    input?: NewOperation['input'],
  ): NewOperation {
    return {
      type,
      steps: stepsFor(type, input),
      requestedBy: ctx.actor,
      idempotencyKey: ctx.idempotencyKey,
      requestFingerprint: ctx.idempotencyKey
        ? ctx.requestFingerprint
        : undefined,
      input,
    };
  }

  /** Rejects variables that would not resolve (missing alias target, cycle). */
  async checkVariables(
    environment: Pick<
      Environment,
      'name' | 'mode' | 'services' | 'variables' | 'baseline'
    >,
  ) {
    const baseline = await this.sharedBase(environment);
    try {
      resolveVariables(environment, baseline && { baseline });
    } catch (error) {
      if (error instanceof VariableResolutionError) {
        const where = error.service
          ? `services.${error.service}.variables`
          : 'variables';
        throw new InputError(`${where}.${error.variable}: ${error.message}`);
      }
      throw error;
    }
  }

  /**
   * The rules for an environment's new services: variables resolve, limits
   * hold, and the custom domains it adds are allowed (returned, to check
   * that no other environment holds them).
   */
  async checkServices(
    current: Environment,
    services: Environment['services'],
  ): Promise<NewCustomDomain[]> {
    await this.checkVariables({ ...current, services });
    const { limits, ingressBaseDomain } = this.options.config;
    checkCostLimits(limits, { ...current, services });
    return checkCustomDomains(
      limits,
      ingressBaseDomain,
      current.name,
      services,
      new Set(current.services.flatMap(s => s.customDomains)),
    );
  }

  /**
   * A custom domain belongs to one environment: 409 naming the holder. A
   * check for a clear answer before anything is done; the store's unique
   * host decides between concurrent requests, with the same 409.
   */
  async checkDomainsFree(domains: NewCustomDomain[], environment: string) {
    if (domains.length === 0) return;
    const holders = await this.options.store.findCustomDomainHolders(
      domains.map(d => d.host),
    );
    for (const { host, field } of domains) {
      const holder = holders.find(
        h => h.host === host && h.environmentName !== environment,
      );
      if (holder) {
        throw new ConflictError(
          `${field}: domain '${host}' is already used by environment '${holder.environmentName}'`,
        );
      }
    }
  }

  /** A request may only reclaim the previews its caller may stop. */
  mayReclaim(ctx: RequestContext) {
    const caller = ctx.caller;
    return caller ? (names: string[]) => caller.mayStop(names) : undefined;
  }

  /** Acting on an environment counts as activity, so it is not idle. */
  async touch(environment: Environment, ctx: RequestContext) {
    await this.options.store.recordActivity(environment.id, this.activity(ctx));
  }

  /** The activity of acting on an environment, for the store to record. */
  activity(ctx: RequestContext): NewActivity {
    return { kind: 'action', actor: ctx.actor, at: this.now() };
  }
}
