import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  AttentionItem,
  ClonePlan,
  ClonePlanError,
  Environment,
  EnvironmentInput,
  OperationType,
  Origin,
  Variable,
  VariableResolutionError,
  cloneRequestSchema,
  durationSchema,
  entityRefSchema,
  environmentInputSchema,
  formatZodError,
  parseDuration,
  planClone,
  policyInputSchema,
  policySchema,
  resolveVariables,
  serviceInputSchema,
  timestampSchema,
  variableInputSchema,
} from '@greenroom/plugin-environments-common';
import { z } from 'zod';
import { EnvironmentsConfig } from '../config';
import {
  EnvironmentSpecPatch,
  EnvironmentsStore,
  NewOperation,
  OperationRecord,
} from '../storage/types';
import { RuntimeRegistry } from '../runtimes/RuntimeRegistry';
import { OPERATION_STEPS } from '../engine/steps';
import { PreviewQuota } from '../previews/PreviewQuota';
import { QUEUED_ITEM } from '../previews/quota';
import type { CallerAccess } from './callerAccess';
import {
  NewCustomDomain,
  checkCostLimits,
  checkCustomDomains,
  checkExpiry,
  checkPriority,
  checkRuntimeTarget,
  checkTtl,
  latestExpiry,
} from './limits';
import { IdempotencyKeyReusedError } from './idempotency';

/** How `create` records where an environment came from (a clone passes its own). */
export interface CreateOptions {
  operationType?: Extract<OperationType, 'create' | 'clone'>;
  origin?: Origin;
  attention?: AttentionItem[];
  /** Parameters of the first operation, e.g. what a clone does with data. */
  operationInput?: NewOperation['input'];
  /** Where the request wrote the ttl, for messages (a clone's `ttl`). */
  ttlField?: string;
}

/** Who asks, and how to recognise a retried request. */
export interface RequestContext {
  actor: string;
  idempotencyKey?: string;
  /**
   * sha256 of the request's method, path and canonical body
   * (`requestFingerprint`): the key replays only the same request.
   */
  requestFingerprint?: string;
  expectedRevision?: number;
  /**
   * Why one of this plugin's background jobs acts (e.g. `auto-stop`): becomes
   * the lifecycle operation's `input.reason`, which the cost ledger records.
   * Never taken from a request; refused for any actor but the plugin's own.
   */
  reason?: string;
  /**
   * What the caller may do beyond the route's permission (owner, production,
   * admin-only fields, the update as it would be after the change). Absent
   * for the plugin's own background jobs, which are trusted.
   */
  caller?: CallerAccess;
}

/** Actors of this plugin's background jobs; no request principal maps to one. */
const SYSTEM_ACTOR_PREFIX = 'service:environments/';

const patchSchema = z.strictObject({
  title: z
    .string()
    .max(200, { error: 'must be at most 200 characters' })
    .optional(),
  system: entityRefSchema('system').optional(),
  owner: entityRefSchema('group', ['group', 'user']).optional(),
  services: z.array(serviceInputSchema).optional(),
  policy: policyInputSchema.optional(),
  expiresAt: timestampSchema.nullable().optional(),
});

const extendSchema = z.strictObject({
  by: durationSchema,
  /**
   * Renew instead of add: the expiry becomes at least now + by (unchanged
   * when already later), as a preview renewed on each push needs.
   */
  renew: z.boolean({ error: 'must be true or false' }).optional(),
});

function parse<T extends z.ZodType>(
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
 * Services sent back as the API shows them carry set secrets as
 * `{ key, kind: 'secret', isSet: true }`, without a value. Those are taken out
 * before validation and put back without a value, which the store reads as
 * "keep the stored secret" (and refuses for a secret it does not have).
 */
function takeKeptSecrets(body: unknown): {
  body: unknown;
  kept: Map<string, Variable[]>;
} {
  const kept = new Map<string, Variable[]>();
  const services = (body as { services?: unknown })?.services;
  if (!Array.isArray(services)) return { body, kept };
  const isKept = (v: any) =>
    v?.kind === 'secret' && v.isSet === true && v.value === undefined;
  return {
    kept,
    body: {
      ...(body as object),
      services: services.map(service => {
        if (!Array.isArray(service?.variables)) return service;
        const keep = service.variables.filter(isKept);
        if (keep.length > 0 && typeof service.name === 'string') {
          kept.set(
            service.name,
            keep.map((v: any) => ({ key: v.key, kind: 'secret' } as Variable)),
          );
        }
        return {
          ...service,
          variables: service.variables.filter((v: any) => !isKept(v)),
        };
      }),
    },
  };
}

/** The environment with the variables of one scope (a service's, or its own) changed. */
function withScopeVariables(
  environment: Environment,
  service: string | undefined,
  change: (variables: Variable[]) => Variable[],
): Environment {
  if (!service) {
    return { ...environment, variables: change(environment.variables) };
  }
  return {
    ...environment,
    services: environment.services.map(s =>
      s.name === service ? { ...s, variables: change(s.variables) } : s,
    ),
  };
}

/**
 * What the API does, independent of HTTP: input rules and defaults, and
 * turning requests into stored changes plus queued operations.
 */
export class EnvironmentCommands {
  constructor(
    private readonly options: {
      store: EnvironmentsStore;
      runtimes: RuntimeRegistry;
      config: EnvironmentsConfig;
      /** Tells the engine new work is queued. */
      wake: () => void;
      /** The per-system quota of running previews. */
      previewQuota?: PreviewQuota;
      now?: () => Date;
    },
  ) {}

  #now() {
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
   * A retried request (same caller, same Idempotency-Key) gets the first
   * answer; the key sent with another request is a 422. Operations queued
   * before fingerprints were kept replay as before.
   */
  async #replay(ctx: RequestContext) {
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

  #operation(
    type: OperationType,
    ctx: RequestContext,
    input?: NewOperation['input'],
  ): NewOperation {
    return {
      type,
      steps: OPERATION_STEPS[type],
      requestedBy: ctx.actor,
      idempotencyKey: ctx.idempotencyKey,
      requestFingerprint: ctx.idempotencyKey
        ? ctx.requestFingerprint
        : undefined,
      input,
    };
  }

  /** Rejects variables that would not resolve (missing alias target, cycle). */
  #checkVariables(
    environment: Pick<Environment, 'name' | 'mode' | 'services' | 'variables'>,
  ) {
    try {
      resolveVariables(environment);
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

  async create(
    body: unknown,
    ctx: RequestContext,
    options: CreateOptions = {},
  ) {
    const replay = await this.#replay(ctx);
    if (replay) return replay;

    const input: EnvironmentInput = parse(environmentInputSchema, body);
    const checked = await this.#checkNew(input, ctx, options);
    if (await this.options.store.getEnvironment(input.name)) {
      // Made a moment ago by a concurrent request with the same Idempotency-Key?
      const twin = await this.#replay(ctx);
      if (twin) return twin;
      throw new ConflictError(`environment '${input.name}' already exists`);
    }
    await this.#checkDomainsFree(checked.domains, input.name);

    // A preview without a free slot is created stopped, its deploy deferred.
    // Only a request that passed every check above may stop other previews.
    const queued =
      input.mode === 'preview'
        ? await this.options.previewQuota?.admit({
            name: input.name,
            system: input.system,
            priority: checked.policy.priority,
            mayReclaim: this.#mayReclaim(ctx),
          })
        : undefined;
    const operationType = options.operationType ?? 'create';
    const firstOperation = this.#operation(
      operationType,
      ctx,
      options.operationInput,
    );

    const { environment, operation } = await this.options.store
      .createEnvironment(
        {
          name: input.name,
          title: input.title ?? input.name,
          system: input.system,
          owner: input.owner,
          mode: input.mode,
          runtime: checked.runtime,
          services: checked.services,
          variables: input.variables as Variable[],
          policy: checked.policy,
          desiredState: queued ? 'stopped' : 'running',
          status: queued ? 'stopped' : 'provisioning',
          origin: options.origin ?? { type: 'manual' },
          attention: [
            ...(options.attention ?? []),
            ...(queued ? [queued] : []),
          ],
          expiresAt: checked.expiresAt,
          createdBy: ctx.actor,
        },
        queued
          ? PreviewQuota.queuedFirstOperation(firstOperation, operationType)
          : firstOperation,
      )
      .catch(async error => {
        // A concurrent request with the same Idempotency-Key took the name
        // first: its operation is the answer to this one too.
        const twin =
          error instanceof ConflictError ? await this.#replay(ctx) : undefined;
        if (twin) return twin;
        throw error;
      });
    this.options.wake();
    return { environment, operation };
  }

  /**
   * Every rule a new environment must meet (400s, then the caller's 403s),
   * with its defaults applied; nothing is stored.
   */
  async #checkNew(
    input: EnvironmentInput,
    ctx: RequestContext,
    options: Pick<CreateOptions, 'ttlField'>,
  ) {
    const { limits, ingressBaseDomain } = this.options.config;
    const runtime = input.runtime ?? {
      type: this.options.config.defaultRuntime,
    };
    this.options.runtimes.get(runtime.type);
    checkRuntimeTarget(limits, runtime);
    const services = input.services.map(s =>
      parse(serviceInputSchema, s),
    ) as Environment['services'];
    this.#checkVariables({
      name: input.name,
      mode: input.mode,
      services,
      variables: input.variables as Variable[],
    });
    checkCostLimits(limits, { ...input, services });
    const domains = checkCustomDomains(
      limits,
      ingressBaseDomain,
      input.name,
      services,
    );

    // `ttl` is short for `policy.ttl` (never both, the schema says).
    const policy = parse(
      policySchema,
      {
        ...this.options.config.policyDefaults[input.mode],
        ...input.policy,
        ...(input.ttl ? { ttl: input.ttl } : {}),
      },
      'policy',
    );
    checkPriority(limits, input.mode, policy.priority);
    const now = this.#now().getTime();
    const ttl = input.ttl ?? input.policy?.ttl;
    if (ttl) {
      checkTtl(
        limits,
        input.mode,
        ttl,
        input.ttl ? 'ttl' : options.ttlField ?? 'policy.ttl',
      );
    }
    if (input.expiresAt) {
      checkExpiry(
        limits,
        input.mode,
        Date.parse(input.expiresAt),
        now,
        'expiresAt',
      );
    }
    // A mode with a maximum lifetime always has an expiry.
    const expiresAt =
      input.expiresAt ??
      (policy.ttl
        ? new Date(now + parseDuration(policy.ttl)).toISOString()
        : latestExpiry(limits, input.mode, now));

    await ctx.caller?.checkOwner(input.owner, 'owner');
    if (input.mode === 'production') {
      await ctx.caller?.checkProduction('mode');
    }
    return { runtime, services, policy, expiresAt, domains };
  }

  /**
   * A custom domain belongs to one environment: 409 naming the holder. A
   * check for a clear answer before anything is done; the store's unique
   * host decides between concurrent requests, with the same 409.
   */
  async #checkDomainsFree(domains: NewCustomDomain[], environment: string) {
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
  #mayReclaim(ctx: RequestContext) {
    const caller = ctx.caller;
    return caller ? (names: string[]) => caller.mayStop(names) : undefined;
  }

  /**
   * Plans a clone of `sourceName` and, unless `dryRun`, creates it as one
   * `clone` operation through the same path as `create`. Secrets of the
   * source are never read: the store returns them without values.
   */
  async clone(
    sourceName: string,
    body: unknown,
    ctx: RequestContext,
  ): Promise<
    | { plan: ClonePlan }
    | { environment?: Environment; operation: OperationRecord }
  > {
    const request = parse(cloneRequestSchema, body);
    if (request.pullRequest) {
      await ctx.caller?.checkAdmin(
        'pullRequest',
        'link an environment to a pull request',
      );
    }
    if (!request.dryRun) {
      const replay = await this.#replay(ctx);
      if (replay) return replay;
    }
    const source = await this.get(sourceName);
    if (await this.options.store.getEnvironment(request.name)) {
      // Made a moment ago by a concurrent request with the same Idempotency-Key?
      const twin = request.dryRun ? undefined : await this.#replay(ctx);
      if (twin) return twin;
      throw new ConflictError(`environment '${request.name}' already exists`);
    }
    let plan: ClonePlan;
    try {
      plan = planClone(source, request);
    } catch (error) {
      if (error instanceof ClonePlanError) throw new InputError(error.message);
      throw error;
    }
    if (request.dryRun) {
      // The same answer as the clone itself would get, short of conflicts.
      await this.#checkNew(plan.input, ctx, { ttlField: 'ttl' });
      return { plan };
    }
    return this.create(plan.input, ctx, {
      ttlField: 'ttl',
      operationType: 'clone',
      origin: request.pullRequest
        ? {
            type: 'preview',
            sourceEnvironmentId: source.id,
            pullRequest: request.pullRequest,
          }
        : { type: 'clone', sourceEnvironmentId: source.id },
      attention: plan.attention,
      // For runtimes that copy data (e.g. restore a managed database snapshot).
      operationInput: {
        source: source.name,
        dataPolicy: request.dataPolicy,
        data: plan.data,
      },
    });
  }

  async update(name: string, body: unknown, ctx: RequestContext) {
    const replay = await this.#replay(ctx);
    if (replay) return replay;
    const current = await this.get(name);
    const { body: withoutKeptSecrets, kept } = takeKeptSecrets(body);
    const patch = parse(patchSchema, withoutKeptSecrets);
    const { limits } = this.options.config;
    const mode = current.mode;
    const spec: EnvironmentSpecPatch = {};
    if (patch.title !== undefined) spec.title = patch.title;
    if (patch.system !== undefined) spec.system = patch.system;
    if (patch.owner !== undefined) spec.owner = patch.owner;
    if (patch.expiresAt === null && limits.maxLifetime[mode]) {
      throw new InputError(
        `expiresAt: ${mode} environments must expire, at most ${
          limits.maxLifetime[mode]!.text
        } from now (environments.limits.maxLifetime.${mode})`,
      );
    }
    if (patch.expiresAt) {
      const now = this.#now().getTime();
      checkExpiry(limits, mode, Date.parse(patch.expiresAt), now, 'expiresAt');
    }
    if (patch.expiresAt !== undefined) spec.expiresAt = patch.expiresAt;
    if (patch.policy !== undefined) {
      spec.policy = parse(
        policySchema,
        {
          ...this.options.config.policyDefaults[mode],
          ...patch.policy,
        },
        'policy',
      );
      checkPriority(limits, mode, spec.policy.priority);
      if (patch.policy.ttl) {
        checkTtl(limits, mode, patch.policy.ttl, 'policy.ttl');
      }
    }
    let domains: NewCustomDomain[] = [];
    if (patch.services !== undefined) {
      spec.services = (patch.services as Environment['services']).map(
        service => ({
          ...service,
          variables: [...service.variables, ...(kept.get(service.name) ?? [])],
        }),
      );
      domains = this.#checkServices(current, spec.services);
    }
    if (ctx.caller) {
      if (
        spec.owner !== undefined &&
        spec.owner.toLocaleLowerCase('en-US') !==
          current.owner.toLocaleLowerCase('en-US')
      ) {
        await ctx.caller.checkOwner(spec.owner, 'owner');
      }
      await ctx.caller.checkUpdate(current, {
        ...current,
        ...spec,
      } as Environment);
    }
    await this.#checkDomainsFree(domains, name);
    const { environment, operation } =
      await this.options.store.updateEnvironmentSpec(name, spec, {
        expectedRevision: ctx.expectedRevision,
        // Only a change of what runs needs the runtime.
        operation: spec.services ? this.#operation('update', ctx) : undefined,
      });
    if (operation) this.options.wake();
    await this.#touch(environment, ctx);
    return { environment, operation };
  }

  /**
   * Replaces the services of an environment with what `change` makes of the
   * current ones (adding a service from a template, upgrading one), as an
   * update operation. Secret variables of kept services keep their values.
   */
  async changeServices(
    name: string,
    change: (current: Environment) => Environment['services'],
    ctx: RequestContext,
  ) {
    const replay = await this.#replay(ctx);
    if (replay) return replay;
    const current = await this.get(name);
    if (current.desiredState === 'deleted') {
      throw new ConflictError(`Environment '${name}' is being destroyed`);
    }
    const services = change(current);
    await this.#checkDomainsFree(this.#checkServices(current, services), name);
    const { environment, operation } =
      await this.options.store.updateEnvironmentSpec(
        name,
        { services },
        {
          expectedRevision: ctx.expectedRevision,
          operation: this.#operation('update', ctx),
        },
      );
    // The store queues the operation it is given: this is for the type.
    if (!operation) throw new Error(`No update operation for '${name}'`);
    this.options.wake();
    await this.#touch(environment, ctx);
    return { environment, operation };
  }

  /**
   * The rules for an environment's new services: variables resolve, limits
   * hold, and the custom domains it adds are allowed (returned, to check
   * that no other environment holds them).
   */
  #checkServices(
    current: Environment,
    services: Environment['services'],
  ): NewCustomDomain[] {
    this.#checkVariables({ ...current, services });
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

  /** Acting on an environment counts as activity, so it is not idle. */
  async #touch(environment: Environment, ctx: RequestContext) {
    await this.options.store.recordActivity(environment.id, {
      kind: 'action',
      actor: ctx.actor,
      at: this.#now(),
    });
  }

  async lifecycle(
    name: string,
    action: 'stop' | 'start' | 'destroy' | 'extend',
    body: unknown,
    ctx: RequestContext,
  ): Promise<{ environment?: Environment; operation: OperationRecord }> {
    const replay = await this.#replay(ctx);
    if (replay) return replay;
    const current = await this.get(name);
    if (current.desiredState === 'deleted') {
      throw new ConflictError(`Environment '${name}' is being destroyed`);
    }
    let spec: EnvironmentSpecPatch = {};
    let input: NewOperation['input'];
    if (action === 'stop') spec = { desiredState: 'stopped' };
    if (action === 'start') spec = { desiredState: 'running' };
    let type: OperationType = action;
    const queuedItem = current.attention.find(a => a.item === QUEUED_ITEM);
    if (queuedItem && (action === 'stop' || action === 'start')) {
      // Stopped or started by hand, it no longer waits for the quota.
      spec.attention = current.attention.filter(a => a !== queuedItem);
    }
    const quota = this.options.previewQuota;
    if (
      quota &&
      action === 'start' &&
      current.mode === 'preview' &&
      current.desiredState !== 'running'
    ) {
      // A stale request must not stop other previews before it fails.
      if (
        ctx.expectedRevision !== undefined &&
        ctx.expectedRevision !== current.revision
      ) {
        throw new ConflictError(
          `environment '${name}' has revision ${current.revision}, not ${ctx.expectedRevision}`,
        );
      }
      const queued = await quota.admit({
        name: current.name,
        system: current.system,
        priority: current.policy.priority,
        mayReclaim: this.#mayReclaim(ctx),
      });
      if (queued) {
        if (!queuedItem) {
          await this.options.store.updateEnvironmentSpec(
            name,
            { attention: [...current.attention, queued] },
            { expectedRevision: ctx.expectedRevision },
          );
        }
        throw new ConflictError(
          `Preview '${name}' is queued and starts when a slot frees. ${queued.reason}`,
        );
      }
      // Queued before it ever ran: deploy it now.
      const deferred = await quota.deferredLaunch(current);
      if (deferred) {
        type = deferred.type;
        input = deferred.input;
      }
    }
    if (action === 'destroy') spec = { desiredState: 'deleted' };
    if (action === 'extend') {
      const { by, renew } = parse(extendSchema, body ?? {});
      if (!current.expiresAt) {
        throw new ConflictError(
          `by: environment '${name}' has no expiry to extend`,
        );
      }
      // From the later of now and the current expiry: never earlier.
      const now = this.#now().getTime();
      const expiry = Date.parse(current.expiresAt);
      const next = renew
        ? Math.max(expiry, now + parseDuration(by))
        : Math.max(expiry, now) + parseDuration(by);
      if (next > expiry) {
        checkExpiry(this.options.config.limits, current.mode, next, now, 'by');
      }
      // The engine computes the expiry when it runs: it never goes past
      // the limit as of this request.
      const latest = latestExpiry(
        this.options.config.limits,
        current.mode,
        now,
      );
      input = {
        by,
        ...(renew ? { renew } : {}),
        ...(latest ? { notAfter: latest } : {}),
      };
    }
    if (ctx.reason !== undefined) {
      if (!ctx.actor.startsWith(SYSTEM_ACTOR_PREFIX)) {
        throw new InputError(
          "reason: only the plugin's own background jobs give a reason",
        );
      }
      input = {
        ...(input && typeof input === 'object' && !Array.isArray(input)
          ? input
          : {}),
        reason: ctx.reason,
      };
    }
    const { environment, operation } =
      await this.options.store.updateEnvironmentSpec(name, spec, {
        expectedRevision: ctx.expectedRevision,
        operation: this.#operation(type, ctx, input),
      });
    this.options.wake();
    if (action !== 'destroy') await this.#touch(environment, ctx);
    return { environment, operation: operation! };
  }

  async putVariable(
    name: string,
    key: string,
    body: unknown,
    ctx: RequestContext & { service?: string },
  ) {
    const current = await this.get(name);
    const variable = parse(
      variableInputSchema,
      { ...(body as object), key },
      ctx.service ? `services.${ctx.service}.variables` : 'variables',
    ) as Variable;
    if (ctx.service && !current.services.some(s => s.name === ctx.service)) {
      throw new NotFoundError(
        `Environment '${name}' has no service '${ctx.service}'`,
      );
    }
    const changed = withScopeVariables(current, ctx.service, vars => [
      ...vars.filter(v => v.key !== key),
      variable,
    ]);
    this.#checkVariables(changed);
    checkCostLimits(this.options.config.limits, changed);
    let environment = await this.options.store.putVariable(name, variable, {
      service: ctx.service,
      expectedRevision: ctx.expectedRevision,
    });
    // A secret a clone could not carry over is settled once it is re-entered.
    const settled = `secret:${ctx.service ? `${ctx.service}/` : ''}${key}`;
    if (
      variable.kind === 'secret' &&
      environment.attention.some(a => a.item === settled)
    ) {
      ({ environment } = await this.options.store.updateEnvironmentSpec(
        name,
        { attention: environment.attention.filter(a => a.item !== settled) },
        {},
      ));
    }
    await this.#redeploy(environment, ctx);
    return environment;
  }

  async deleteVariable(
    name: string,
    key: string,
    ctx: RequestContext & { service?: string },
  ) {
    const current = await this.get(name);
    this.#checkVariables(
      withScopeVariables(current, ctx.service, vars =>
        vars.filter(v => v.key !== key),
      ),
    );
    const deleted = await this.options.store.deleteVariable(name, key, {
      service: ctx.service,
      expectedRevision: ctx.expectedRevision,
    });
    if (!deleted) {
      throw new NotFoundError(
        `Environment '${name}' has no variable '${key}'${
          ctx.service ? ` in service '${ctx.service}'` : ''
        }`,
      );
    }
    const environment = await this.get(name);
    await this.#redeploy(environment, ctx);
    return environment;
  }

  /** Running services pick up changed variables through an update operation. */
  async #redeploy(environment: Environment, ctx: RequestContext) {
    await this.#touch(environment, ctx);
    if (environment.desiredState !== 'running') return;
    await this.options.store.createOperation(environment.id, {
      ...this.#operation('update', ctx),
      idempotencyKey: undefined,
      requestFingerprint: undefined,
    });
    this.options.wake();
  }
}
