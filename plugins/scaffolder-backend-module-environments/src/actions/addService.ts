import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { EnvironmentsService } from '@greenroom/plugin-environments-node';
import { examples } from './addService.examples';
import { waitForOperations } from './waitForOperations';

const TEMPLATE_KIND = 'servicetemplate';

/**
 * `postgresql` → `servicetemplate:default/postgresql`; a full ref is kept
 * (kind lower-cased), a ref of another kind is refused.
 */
export function toServiceTemplateRef(template: string): string {
  const match = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(template.trim());
  if (!match) {
    throw new Error(
      `template: "${template}" is not a template name or ref; use e.g. "postgresql" or "servicetemplate:default/postgresql"`,
    );
  }
  const [, kind = TEMPLATE_KIND, namespace = 'default', name] = match;
  if (kind.toLowerCase() !== TEMPLATE_KIND) {
    throw new Error(
      `template: "${template}" is a ${kind}, not a ServiceTemplate; use e.g. "servicetemplate:default/postgresql"`,
    );
  }
  return `${TEMPLATE_KIND}:${namespace}/${name}`;
}

/** `environment:default/dev-ada` or `dev-ada` → `dev-ada`. */
function toEnvironmentName(environment: string): string {
  const match = /^(?:environment:)?(?:[^:/]+\/)?([^:/]+)$/i.exec(
    environment.trim(),
  );
  if (!match) {
    throw new Error(
      `environment: "${environment}" is not an environment name or ref; use e.g. "dev-ada" or "environment:default/dev-ada"`,
    );
  }
  return match[1];
}

/** The backend's own message (`parameters.version: must be one of …`) of a failed call. */
function reason(error: unknown): string {
  const e = error as {
    name?: string;
    message?: string;
    cause?: { message?: string };
  };
  if (e?.name === 'ResponseError' && e.cause?.message) {
    return e.cause.message;
  }
  return e?.message ?? String(error);
}

/**
 * `environment:add-service`: adds a service made from a ServiceTemplate to an
 * environment, as the user who runs the template (their permissions apply).
 * The environments backend renders and checks it, the same way the "Add
 * service" dialog does; nothing is rendered here.
 *
 * @public
 */
export function createEnvironmentAddServiceAction(options: {
  environments: EnvironmentsService;
}) {
  const { environments } = options;
  return createTemplateAction({
    id: 'environment:add-service',
    description:
      'Adds a service from a ServiceTemplate (e.g. a PostgreSQL database) to a Greenroom environment and by default waits until it runs. The environments backend renders the template with the given parameters and checks them.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        environment: z =>
          z.string({
            description:
              'The environment: its name (dev-ada) or entity ref (environment:default/dev-ada)',
          }),
        template: z =>
          z.string({
            description:
              'The ServiceTemplate: its name (postgresql) or entity ref (servicetemplate:default/postgresql)',
          }),
        name: z =>
          z.string({
            description:
              'Name of the new service in the environment (DNS label), e.g. orders-db',
          }),
        parameters: z =>
          z
            .record(z.string(), z.any(), {
              description:
                "Values of the template's parameters (its spec.parameters); its defaults fill in the rest",
            })
            .optional(),
        waitForCompletion: z =>
          z
            .boolean({
              description:
                'Wait until the service runs (default true); false returns once the change is queued',
            })
            .optional(),
        dryRun: z =>
          z
            .boolean({
              description:
                'Only render and check the service, changing nothing (also done in a scaffolder dry run)',
            })
            .optional(),
      },
      output: {
        serviceName: z => z.string({ description: 'The new service name' }),
        operationId: z =>
          z.string({
            description: 'The update operation ("dry-run" in a dry run)',
          }),
        environmentUrl: z =>
          z.string({
            description:
              'Path of the environment page, e.g. /environments/dev-ada',
          }),
        service: z =>
          z
            .record(z.string(), z.any(), {
              description: 'The rendered service (dry run only)',
            })
            .optional(),
      },
    },
    async handler(ctx) {
      const environment = toEnvironmentName(ctx.input.environment);
      const template = toServiceTemplateRef(ctx.input.template);
      const { name } = ctx.input;
      const parameters = ctx.input.parameters ?? {};
      const environmentUrl = `/environments/${encodeURIComponent(environment)}`;
      const failed = (error: unknown) =>
        new Error(
          `Could not add service ${name} from ${template} to environment ${environment}: ${reason(
            error,
          )}`,
        );
      const credentials = await ctx.getInitiatorCredentials();

      if (ctx.isDryRun || ctx.input.dryRun) {
        // Rendering and checking stores nothing, so a dry run shows the real service.
        const { service } = await environments
          .addService(
            environment,
            { template, name, parameters, dryRun: true },
            { credentials },
          )
          .catch(error => {
            throw failed(error);
          });
        ctx.logger.info(
          `Dry run: would add ${service.kind} service ${name} from ${template} to ${environment}`,
        );
        ctx.output('serviceName', name);
        ctx.output('operationId', 'dry-run');
        ctx.output('environmentUrl', environmentUrl);
        ctx.output('service', service);
        return;
      }

      // The checkpoint and the idempotency key both keep a retried task from adding twice.
      const { operationId } = await ctx.checkpoint({
        key: `environment.add-service.${environment}.${name}`,
        fn: async () => {
          const { operation } = await environments
            .addService(
              environment,
              { template, name, parameters },
              {
                credentials,
                idempotencyKey: `scaffolder:${ctx.task.id}:add-service:${environment}:${name}`,
              },
            )
            .catch(error => {
              throw failed(error);
            });
          return { operationId: operation.id };
        },
      });
      ctx.logger.info(
        `Adding service ${name} from ${template} to ${environment} (operation ${operationId})`,
      );
      if (ctx.input.waitForCompletion ?? true) {
        await waitForOperations(ctx, environments, [operationId]);
        ctx.logger.info(`Service ${name} runs in ${environment}`);
      }
      ctx.output('serviceName', name);
      ctx.output('operationId', operationId);
      ctx.output('environmentUrl', environmentUrl);
    },
  });
}
