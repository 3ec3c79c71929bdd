import { ConflictError, InputError } from '@backstage/errors';
import {
  ClonePlan,
  ClonePlanError,
  Environment,
  cloneRequestSchema,
  planClone,
} from '@greenroom/plugin-environments-common';
import type { OperationRecord } from '../../storage/types';
import { checkDataLoads } from './checkDataLoads';
import { CommandSupport, parseInput } from './CommandSupport';
import type { CreateCommands } from './CreateCommands';
import type { RequestContext } from './RequestContext';

/** Cloning an environment: a plan, then a create of the planned input. */
export class CloneCommands {
  constructor(
    private readonly support: CommandSupport,
    private readonly creation: CreateCommands,
  ) {}

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
    const { support } = this;
    const request = parseInput(cloneRequestSchema, body);
    if (request.pullRequest) {
      await ctx.caller?.checkAdmin(
        'pullRequest',
        'link an environment to a pull request',
      );
    }
    if (!request.dryRun) {
      const replay = await support.replay(ctx);
      if (replay) return replay;
    }
    const source = await support.get(sourceName);
    if (await support.options.store.getEnvironmentHeader(request.name)) {
      // Made a moment ago by a concurrent request with the same Idempotency-Key?
      const twin = request.dryRun ? undefined : await support.replay(ctx);
      if (twin) return twin;
      throw new ConflictError(`environment '${request.name}' already exists`);
    }
    const templateData = await support.options.templateData?.(source);
    let plan: ClonePlan;
    try {
      plan = planClone(source, request, { templateData });
    } catch (error) {
      if (error instanceof ClonePlanError) throw new InputError(error.message);
      throw error;
    }
    checkDataLoads(plan, request, source, support.options.runtimes);
    if (request.dryRun) {
      // The same answer as the clone itself would get, short of conflicts.
      await this.creation.checkNew(plan.input, ctx, {
        ttlField: 'ttl',
        baseline: plan.baseline,
      });
      return { plan };
    }
    return this.creation.create(plan.input, ctx, {
      ttlField: 'ttl',
      operationType: 'clone',
      nameChecked: true,
      origin: request.pullRequest
        ? {
            type: 'preview',
            sourceEnvironmentId: source.id,
            pullRequest: request.pullRequest,
          }
        : { type: 'clone', sourceEnvironmentId: source.id },
      attention: plan.attention,
      baseline: plan.baseline,
      // What the data step loads, and for runtimes that copy data
      // themselves (e.g. restore a managed database snapshot).
      operationInput: {
        source: source.name,
        dataPolicy: request.dataPolicy,
        data: plan.data,
      },
    });
  }
}
