import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { EnvironmentsService } from '@greenroom/plugin-environments-node';
import {
  Environment,
  previewEnvironmentName,
  switchServiceToBranch,
  toComponentRef,
} from '@greenroom/plugin-environments-common';
import { describeDiff } from './cloneEnvironment';
import { finishEnvironmentStep, outputEnvironment } from './environmentOutputs';
import { examples } from './previewEnvironment.examples';

const DEFAULT_TTL = '3d';

/**
 * `environment:preview`: creates a preview (a clone of `base` in `preview`
 * mode with one component on a branch), or moves an existing one to the new
 * branch or commit and renews its time to live.
 *
 * @public
 */
export function createEnvironmentPreviewAction(options: {
  environments: EnvironmentsService;
}) {
  const { environments } = options;
  return createTemplateAction({
    id: 'environment:preview',
    description:
      "Creates or updates a preview environment: a clone of a base environment with one component's service on a branch and commit. When the preview exists, switches that service and renews the TTL.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        base: z =>
          z.string({ description: 'Name of the environment to clone from' }),
        name: z =>
          z
            .string({
              description:
                'Name of the preview (default with a pull request: pr-<owner>-<repo>-<number>, as the GitHub module names it)',
            })
            .optional(),
        component: z =>
          z.string({
            description:
              'Entity ref of the component whose service runs the branch, e.g. component:default/storefront',
          }),
        branch: z => z.string({ description: 'Branch to run' }).min(1),
        commit: z =>
          z
            .string({
              description:
                'Commit sha to run (the image tag); required with a pull request',
            })
            .regex(/^[0-9a-f]{7,64}$/)
            .optional(),
        ttl: z =>
          z
            .string({
              description: `Time to live, e.g. '3d' (default ${DEFAULT_TTL})`,
            })
            .optional(),
        pullRequest: z =>
          z
            .object(
              {
                repository: z.string({ description: 'owner/name' }),
                number: z.number().int().positive(),
                url: z.string(),
              },
              { description: 'The GitHub pull request the preview is for' },
            )
            .optional(),
        waitUntilReady: z =>
          z
            .boolean({
              description: 'Wait until the preview runs (default false)',
            })
            .optional(),
      },
      output: {
        name: z => z.string({ description: 'The preview environment name' }),
        operationId: z =>
          z.string({ description: 'The last operation queued' }),
        entityRef: z =>
          z.string({ description: 'Catalog entity ref of the preview' }),
        created: z =>
          z.boolean({ description: 'Whether this run created the preview' }),
      },
    },
    async handler(ctx) {
      const { base, branch, commit, pullRequest, waitUntilReady } = ctx.input;
      const ttl = ctx.input.ttl ?? DEFAULT_TTL;
      const name =
        ctx.input.name ??
        (pullRequest &&
          previewEnvironmentName(pullRequest.repository, pullRequest.number));
      if (!name) {
        throw new Error('name is required when there is no pullRequest');
      }
      if (pullRequest && !commit) {
        throw new Error(
          "commit is required with a pullRequest: it is the preview's head commit",
        );
      }
      const componentRef = toComponentRef(ctx.input.component);
      const target = { branch, commit, repository: pullRequest?.repository };
      const credentials = await ctx.getInitiatorCredentials();
      const key = (step: string) =>
        `scaffolder:${ctx.task.id}:preview:${step}:${name}`;
      const switched = (env: Environment | undefined, of: string) => {
        const services =
          env && switchServiceToBranch(env.services, componentRef, target);
        if (!services) {
          throw new Error(`No service of ${of} runs ${componentRef}`);
        }
        const service = services.find(
          s =>
            s.componentRef && toComponentRef(s.componentRef) === componentRef,
        );
        if (!service?.git?.repository) {
          ctx.logger.warn(
            `Service ${service?.name} of ${of} names no git repository: it cannot follow branch ${branch}`,
          );
        }
        return services;
      };

      const found = await environments.getEnvironment(name, { credentials });
      const existing = found && found.status !== 'deleted' ? found : undefined;
      const created = !existing;
      const cloneRequest = {
        name,
        mode: 'preview' as const,
        ttl,
        ...(pullRequest && {
          pullRequest: {
            provider: 'github',
            ...pullRequest,
            branch,
            headSha: commit!,
          },
        }),
      };

      if (ctx.isDryRun) {
        if (existing) {
          switched(existing, name);
          ctx.logger.info(
            `Dry run: would switch ${componentRef} in ${name} to ${
              commit ?? branch
            } and renew it for ${ttl}`,
          );
        } else {
          switched(
            await environments.getEnvironment(base, { credentials }),
            base,
          );
          const plan = await environments.cloneEnvironment(
            base,
            { ...cloneRequest, dryRun: true },
            { credentials },
          );
          ctx.logger.info(
            `Dry run: would clone ${base} into ${name} and switch ${componentRef} to ${
              commit ?? branch
            }`,
          );
          plan.diff.forEach(entry => ctx.logger.info(describeDiff(entry)));
        }
        outputEnvironment(ctx, name, 'dry-run');
        ctx.output('created', created);
        return;
      }

      const queued: string[] = [];
      if (existing) {
        const { operationId } = await ctx.checkpoint({
          key: `environment.preview.${name}.extend.${ctx.task.id}`,
          fn: async () => {
            // Renewed to at least now + ttl, so repeated runs stay within
            // the mode's maximum lifetime instead of adding up.
            const { operation } = await environments.lifecycle(name, 'extend', {
              credentials,
              by: ttl,
              renew: true,
              idempotencyKey: key('extend'),
            });
            return { operationId: operation.id };
          },
        });
        queued.push(operationId);
        ctx.logger.info(`Renewed ${name} for ${ttl}`);
      } else {
        const { operationId } = await ctx.checkpoint({
          key: `environment.preview.${name}.clone`,
          fn: async () => {
            const { operation } = await environments.cloneEnvironment(
              base,
              cloneRequest,
              { credentials, idempotencyKey: key('clone') },
            );
            return { operationId: operation.id };
          },
        });
        queued.push(operationId);
        ctx.logger.info(
          `Cloning ${base} into ${name} (operation ${operationId})`,
        );
      }

      const { operationId: switchOperationId } = await ctx.checkpoint({
        key: `environment.preview.${name}.switch.${commit ?? branch}`,
        fn: async () => {
          const env = await environments.getEnvironment(name, { credentials });
          const { operation } = await environments.updateEnvironment(
            name,
            { services: switched(env, name) },
            { credentials, idempotencyKey: key('switch') },
          );
          return { operationId: operation?.id ?? null };
        },
      });
      if (switchOperationId) queued.push(switchOperationId);
      ctx.logger.info(
        `Switched ${componentRef} in ${name} to ${branch}${
          commit ? ` at ${commit}` : ''
        }`,
      );

      await finishEnvironmentStep(ctx, environments, {
        name,
        operationIds: queued,
        waitUntilReady,
      });
      ctx.output('created', created);
    },
  });
}
