import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { EnvironmentsService } from '@greenroom/plugin-environments-node';
import yaml from 'yaml';
import { waitForOperations } from './waitForOperations';

type LifecycleAction = 'stop' | 'start' | 'destroy';

const DESCRIPTIONS: Record<LifecycleAction, string> = {
  stop: 'Stops a Greenroom environment (services scaled to zero, data kept).',
  start: 'Starts a stopped Greenroom environment.',
  destroy: 'Destroys a Greenroom environment and everything it runs.',
};

/**
 * `environment:stop`, `environment:start` and `environment:destroy`.
 *
 * @public
 */
export function createEnvironmentLifecycleAction(
  action: LifecycleAction,
  options: { environments: EnvironmentsService },
) {
  const { environments } = options;
  return createTemplateAction({
    id: `environment:${action}`,
    description: DESCRIPTIONS[action],
    supportsDryRun: true,
    examples: [
      {
        description: `${action[0].toUpperCase()}${action.slice(
          1,
        )} an environment and wait for it`,
        example: yaml.stringify({
          steps: [
            {
              id: `${action}-environment`,
              action: `environment:${action}`,
              name: `${action} environment`,
              input: { name: 'dev-ada', wait: true },
            },
          ],
        }),
      },
    ],
    schema: {
      input: {
        name: z => z.string({ description: 'Environment name' }),
        wait: z =>
          z
            .boolean({
              description: 'Wait until the operation finishes (default false)',
            })
            .optional(),
      },
      output: {
        operationId: z => z.string({ description: 'The queued operation' }),
      },
    },
    async handler(ctx) {
      const { name, wait } = ctx.input;
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would ${action} environment ${name}`);
        ctx.output('operationId', 'dry-run');
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const { operationId } = await ctx.checkpoint({
        key: `environment.${action}.${name}`,
        fn: async () => {
          const { operation } = await environments.lifecycle(name, action, {
            credentials,
            idempotencyKey: `scaffolder:${ctx.task.id}:${action}:${name}`,
          });
          return { operationId: operation.id };
        },
      });
      ctx.logger.info(
        `Environment ${name}: ${action} queued (operation ${operationId})`,
      );
      if (wait) await waitForOperations(ctx, environments, [operationId]);
      ctx.output('operationId', operationId);
    },
  });
}
