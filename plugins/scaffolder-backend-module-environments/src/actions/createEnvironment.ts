import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { EnvironmentsService } from '@greenroom/plugin-environments-node';
import type { EnvironmentInput } from '@greenroom/plugin-environments-common';
import { examples } from './createEnvironment.examples';
import { finishEnvironmentStep, outputEnvironment } from './environmentOutputs';

/**
 * `environment:create`: creates an environment as the user who runs the
 * template, so their permissions apply.
 *
 * @public
 */
export function createEnvironmentCreateAction(options: {
  environments: EnvironmentsService;
}) {
  const { environments } = options;
  return createTemplateAction({
    id: 'environment:create',
    description:
      'Creates a Greenroom environment (services, variables, policy) and optionally waits until it runs.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string({
            description: 'Environment name (DNS label, at most 40 characters)',
          }),
        title: z => z.string({ description: 'Display title' }).optional(),
        system: z =>
          z.string({
            description: 'System entity ref, e.g. system:default/shop',
          }),
        owner: z =>
          z.string({
            description:
              'Owning group entity ref, e.g. group:default/team-shop',
          }),
        mode: z =>
          z.enum(['production', 'staging', 'development', 'preview'], {
            description: 'Environment mode',
          }),
        services: z =>
          z
            .array(z.record(z.string(), z.any()), {
              description:
                'Services (see the Service type of Greenroom): name, kind, componentRef, image, ports, …',
            })
            .optional(),
        variables: z =>
          z
            .array(z.record(z.string(), z.any()), {
              description: 'Environment variables',
            })
            .optional(),
        policy: z =>
          z
            .record(z.string(), z.any(), {
              description: 'Policy: idleAfter, schedule, ttl, priority',
            })
            .optional(),
        waitUntilReady: z =>
          z
            .boolean({
              description: 'Wait until the environment runs (default false)',
            })
            .optional(),
      },
      output: {
        name: z => z.string({ description: 'The environment name' }),
        operationId: z => z.string({ description: 'The create operation' }),
        entityRef: z =>
          z.string({ description: 'Catalog entity ref of the environment' }),
      },
    },
    async handler(ctx) {
      const { waitUntilReady, ...input } = ctx.input;
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would create environment ${input.name}`);
        outputEnvironment(ctx, input.name, 'dry-run');
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      // The checkpoint and the idempotency key both keep a retried task from creating twice.
      const { operationId } = await ctx.checkpoint({
        key: `environment.create.${input.name}`,
        fn: async () => {
          const { operation } = await environments.createEnvironment(
            input as unknown as EnvironmentInput,
            {
              credentials,
              idempotencyKey: `scaffolder:${ctx.task.id}:create:${input.name}`,
            },
          );
          return { operationId: operation.id };
        },
      });
      ctx.logger.info(
        `Creating environment ${input.name} (operation ${operationId})`,
      );
      await finishEnvironmentStep(ctx, environments, {
        name: input.name,
        operationIds: [operationId],
        waitUntilReady,
      });
    },
  });
}
