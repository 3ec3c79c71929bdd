import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { EnvironmentsService } from '@greenroom/plugin-environments-node';
import type { CloneDiffEntry } from '@greenroom/plugin-environments-common';
import { examples } from './cloneEnvironment.examples';
import { finishEnvironmentStep, outputEnvironment } from './environmentOutputs';

/** `changed variables.GR_DB_HOST: db-staging → db-dev-ada (built-in, …)` */
export function describeDiff({ kind, path, from, to, reason }: CloneDiffEntry) {
  const change =
    from !== undefined && to !== undefined ? `${from} → ${to}` : to ?? from;
  return `${kind} ${path}${change ? `: ${change}` : ''}${
    reason ? ` (${reason})` : ''
  }`;
}

/**
 * `environment:clone`: clones an environment as the user who runs the
 * template, so their clone and create permissions apply.
 *
 * @public
 */
export function createEnvironmentCloneAction(options: {
  environments: EnvironmentsService;
}) {
  const { environments } = options;
  return createTemplateAction({
    id: 'environment:clone',
    description:
      'Clones a Greenroom environment: services, values and aliases are copied, built-ins point at the clone; secrets and custom domains are not copied but returned as attention items.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        source: z =>
          z.string({ description: 'Name of the environment to clone' }),
        name: z =>
          z.string({
            description:
              'Name of the new environment (DNS label, at most 40 characters)',
          }),
        mode: z =>
          z.enum(['production', 'staging', 'development', 'preview'], {
            description:
              'Mode of the new environment; its policy defaults apply',
          }),
        ttl: z =>
          z
            .string({
              description: "Time to live, e.g. '3d' (default: the mode's)",
            })
            .optional(),
        dataPolicy: z =>
          z
            .enum(['empty', 'snapshot', 'seed', 'copy'], {
              description:
                "Databases start empty (default), from a snapshot of the source (managed databases), seeded, or with a copy of the source's data transformed by the database's data rules (PostgreSQL, MySQL)",
            })
            .optional(),
        data: z =>
          z
            .record(
              z.string(),
              z.object({
                policy: z
                  .enum(['empty', 'snapshot', 'seed', 'copy'])
                  .optional(),
                seed: z
                  .union([
                    z.object({ sql: z.string() }),
                    z.object({
                      image: z.string(),
                      command: z.array(z.string()).optional(),
                    }),
                  ])
                  .optional(),
              }),
              {
                description:
                  'Per database service: its own data policy over dataPolicy, and the seed ({ sql } or { image, command }) to run for seed',
              },
            )
            .optional(),
        services: z =>
          z
            .array(z.string(), {
              description: 'Clone only these services (default: all)',
            })
            .optional(),
        waitUntilReady: z =>
          z
            .boolean({
              description: 'Wait until the clone runs (default false)',
            })
            .optional(),
      },
      output: {
        name: z => z.string({ description: 'The new environment name' }),
        operationId: z => z.string({ description: 'The clone operation' }),
        entityRef: z =>
          z.string({ description: 'Catalog entity ref of the clone' }),
        attention: z =>
          z.array(z.object({ item: z.string(), reason: z.string() }), {
            description:
              'What the clone could not carry over (secrets, custom domains): set them before use',
          }),
      },
    },
    async handler(ctx) {
      const { source, waitUntilReady, ...request } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      if (ctx.isDryRun) {
        // Asking for the plan stores nothing, so a dry run shows the real diff.
        const plan = await environments.cloneEnvironment(
          source,
          { ...request, dryRun: true },
          { credentials },
        );
        ctx.logger.info(`Dry run: would clone ${source} into ${request.name}`);
        plan.diff.forEach(entry => ctx.logger.info(describeDiff(entry)));
        outputEnvironment(ctx, request.name, 'dry-run');
        ctx.output('attention', plan.attention);
        return;
      }
      // The checkpoint and the idempotency key both keep a retried task from cloning twice.
      const { operationId, attention } = await ctx.checkpoint({
        key: `environment.clone.${source}.${request.name}`,
        fn: async () => {
          const { operation, environment } =
            await environments.cloneEnvironment(source, request, {
              credentials,
              idempotencyKey: `scaffolder:${ctx.task.id}:clone:${request.name}`,
            });
          return {
            operationId: operation.id,
            attention: environment?.attention ?? [],
          };
        },
      });
      ctx.logger.info(
        `Cloning ${source} into ${request.name} (operation ${operationId})`,
      );
      for (const { item, reason } of attention) {
        ctx.logger.warn(`Needs attention: ${item}: ${reason}`);
      }
      await finishEnvironmentStep(ctx, environments, {
        name: request.name,
        operationIds: [operationId],
        waitUntilReady,
      });
      ctx.output('attention', attention);
    },
  });
}
