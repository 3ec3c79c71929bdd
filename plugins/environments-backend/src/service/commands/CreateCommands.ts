import { ConflictError } from '@backstage/errors';
import {
  AttentionItem,
  Baseline,
  Environment,
  EnvironmentInput,
  OperationType,
  Origin,
  Variable,
  environmentInputSchema,
  parseDuration,
  policySchema,
  serviceInputSchema,
} from '@greenroom/plugin-environments-common';
import type { NewOperation } from '../../storage/types';
import { PreviewQuota } from '../../previews/PreviewQuota';
import {
  checkCostLimits,
  checkCustomDomains,
  checkExpiry,
  checkPriority,
  checkRuntimeTarget,
  checkTtl,
  latestExpiry,
} from '../limits';
import { CommandSupport, parseInput } from './CommandSupport';
import type { RequestContext } from './RequestContext';

/** How `create` records where an environment came from (a clone passes its own). */
export interface CreateOptions {
  operationType?: Extract<OperationType, 'create' | 'clone'>;
  origin?: Origin;
  attention?: AttentionItem[];
  /** Parameters of the first operation, e.g. what a clone does with data. */
  operationInput?: NewOperation['input'];
  /** Where the request wrote the ttl, for messages (a clone's `ttl`). */
  ttlField?: string;
  /** The base a clone shares the services it does not deploy with. */
  baseline?: Baseline;
  /**
   * The caller found the name free a moment ago (a clone, before planning):
   * not read again; the unique index still decides between concurrent requests.
   */
  nameChecked?: boolean;
}

/** Creating an environment: its rules and defaults, then the store and the first operation. */
export class CreateCommands {
  constructor(private readonly support: CommandSupport) {}

  async create(
    body: unknown,
    ctx: RequestContext,
    options: CreateOptions = {},
  ) {
    const { support } = this;
    const { store, previewQuota } = support.options;
    const replay = await support.replay(ctx);
    if (replay) return replay;

    const input: EnvironmentInput = parseInput(environmentInputSchema, body);
    const checked = await this.checkNew(input, ctx, options);
    if (
      !options.nameChecked &&
      (await store.getEnvironmentHeader(input.name))
    ) {
      // Made a moment ago by a concurrent request with the same Idempotency-Key?
      const twin = await support.replay(ctx);
      if (twin) return twin;
      throw new ConflictError(`environment '${input.name}' already exists`);
    }
    await support.checkDomainsFree(checked.domains, input.name);

    // A preview without a free slot is created stopped, its deploy deferred.
    // Only a request that passed every check above may stop other previews.
    const queued =
      input.mode === 'preview'
        ? await previewQuota?.admit({
            name: input.name,
            system: input.system,
            owner: input.owner,
            priority: checked.policy.priority,
            mayReclaim: support.mayReclaim(ctx),
          })
        : undefined;
    const operationType = options.operationType ?? 'create';
    const firstOperation = support.operation(
      operationType,
      ctx,
      options.operationInput,
    );

    const created = await store
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
          ...(options.baseline && { baseline: options.baseline }),
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
          error instanceof ConflictError
            ? await support.replay(ctx)
            : undefined;
        if (twin) return twin;
        throw error;
      });
    const { submit, wake } = support.options;
    if ('replayed' in created || queued || !submit) {
      wake();
    } else {
      submit(created);
    }
    return { environment: created.environment, operation: created.operation };
  }

  /**
   * Every rule a new environment must meet (400s, then the caller's 403s),
   * with its defaults applied; nothing is stored.
   */
  async checkNew(
    input: EnvironmentInput,
    ctx: RequestContext,
    options: Pick<CreateOptions, 'ttlField' | 'baseline'>,
  ) {
    const { config, runtimes } = this.support.options;
    const { limits, ingressBaseDomain } = config;
    const runtime = input.runtime ?? { type: config.defaultRuntime };
    runtimes.get(runtime.type);
    checkRuntimeTarget(limits, runtime);
    const services = input.services.map(s =>
      parseInput(serviceInputSchema, s),
    ) as Environment['services'];
    await this.support.checkVariables({
      name: input.name,
      mode: input.mode,
      services,
      variables: input.variables as Variable[],
      baseline: options.baseline,
    });
    checkCostLimits(limits, { ...input, services });
    const domains = checkCustomDomains(
      limits,
      ingressBaseDomain,
      input.name,
      services,
    );

    // `ttl` is short for `policy.ttl` (never both, the schema says).
    const policy = parseInput(
      policySchema,
      {
        ...config.policyDefaults[input.mode],
        ...input.policy,
        ...(input.ttl ? { ttl: input.ttl } : {}),
      },
      'policy',
    );
    checkPriority(limits, input.mode, policy.priority);
    const now = this.support.now().getTime();
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
}
