import { InputError } from '@backstage/errors';
import {
  Environment,
  entityRefSchema,
  policyInputSchema,
  policySchema,
  serviceInputSchema,
  timestampSchema,
} from '@greenroom/plugin-environments-common';
import { z } from 'zod';
import type { EnvironmentSpecPatch } from '../../storage/types';
import {
  NewCustomDomain,
  checkExpiry,
  checkPriority,
  checkTtl,
} from '../limits';
import { CommandSupport, parseInput } from './CommandSupport';
import { takeKeptSecrets } from './keptSecrets';
import type { RequestContext } from './RequestContext';

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

/**
 * Changing what an environment is: a patch of its fields, or new services
 * (from a template). A change of services redeploys through an update
 * operation.
 */
export class UpdateCommands {
  constructor(private readonly support: CommandSupport) {}

  async update(name: string, body: unknown, ctx: RequestContext) {
    const { support } = this;
    const { store, config } = support.options;
    const replay = await support.replay(ctx);
    if (replay) return replay;
    const current = await support.get(name);
    const { body: withoutKeptSecrets, kept } = takeKeptSecrets(body);
    const patch = parseInput(patchSchema, withoutKeptSecrets);
    const { limits } = config;
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
      const now = support.now().getTime();
      checkExpiry(limits, mode, Date.parse(patch.expiresAt), now, 'expiresAt');
    }
    if (patch.expiresAt !== undefined) spec.expiresAt = patch.expiresAt;
    if (patch.policy !== undefined) {
      spec.policy = parseInput(
        policySchema,
        { ...config.policyDefaults[mode], ...patch.policy },
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
      domains = await support.checkServices(current, spec.services);
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
    await support.checkDomainsFree(domains, name);
    const { environment, operation } = await store.updateEnvironmentSpec(
      name,
      spec,
      {
        expectedRevision: ctx.expectedRevision,
        // Only a change of what runs needs the runtime.
        operation: spec.services ? support.operation('update', ctx) : undefined,
      },
    );
    if (operation) support.options.wake();
    await support.touch(environment, ctx);
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
    const { support } = this;
    const replay = await support.replay(ctx);
    if (replay) return replay;
    const current = await support.getUndestroyed(name);
    const services = change(current);
    await support.checkDomainsFree(
      await support.checkServices(current, services),
      name,
    );
    const { environment, operation } =
      await support.options.store.updateEnvironmentSpec(
        name,
        { services },
        {
          expectedRevision: ctx.expectedRevision,
          operation: support.operation('update', ctx),
        },
      );
    // The store queues the operation it is given: this is for the type.
    if (!operation) throw new Error(`No update operation for '${name}'`);
    support.options.wake();
    await support.touch(environment, ctx);
    return { environment, operation };
  }
}
