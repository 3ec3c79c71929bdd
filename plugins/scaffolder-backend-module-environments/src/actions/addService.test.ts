import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { fakeEnvironments } from './__testUtils__/fakeEnvironments';
import {
  createEnvironmentAddServiceAction,
  toServiceTemplateRef,
} from './addService';

const DEV_ADA = { name: 'dev-ada', mode: 'development', services: [] };

function setup(finalStatus = 'succeeded') {
  const fake = fakeEnvironments(finalStatus, [DEV_ADA]);
  const getOperation = jest.spyOn(fake.environments, 'getOperation');
  const action = createEnvironmentAddServiceAction(fake);
  return { ...fake, getOperation, action };
}

const examples = setup().action.examples!.map(e => ({
  description: e.description,
  input: yaml.parse(e.example).steps[0].input,
}));

describe('environment:add-service', () => {
  it('has examples for a wait, a queued and a dry-run use', () => {
    expect(examples).toHaveLength(3);
  });

  it.each(examples.filter(e => !e.input.dryRun))(
    'runs its example "$description" as the initiating user',
    async ({ input }) => {
      const { action, calls, store, getOperation } = setup();
      const ctx = createMockActionContext({ input });
      await action.handler(ctx as any);

      const environment = input.environment.replace(
        /^environment:default\//,
        '',
      );
      const template = input.template.includes(':')
        ? input.template
        : `servicetemplate:default/${input.template}`;
      expect(calls.map(c => c.method)).toEqual(['addService']);
      const [name, body, options] = calls[0].args;
      expect(name).toBe(environment);
      expect(body).toEqual({
        template,
        name: input.name,
        parameters: input.parameters,
      });
      expect(options).toEqual({
        credentials: await ctx.getInitiatorCredentials(),
        idempotencyKey: `scaffolder:${ctx.task.id}:add-service:${environment}:${input.name}`,
      });
      // Rendered by the same function the backend uses, with the template's defaults.
      expect(
        store.get(environment).services.find((s: any) => s.name === input.name),
      ).toMatchObject({
        name: input.name,
        template: { ref: template },
        database: { version: input.parameters.version },
      });
      expect(ctx.output).toHaveBeenCalledWith('serviceName', input.name);
      expect(ctx.output).toHaveBeenCalledWith('operationId', 'op-update');
      expect(ctx.output).toHaveBeenCalledWith(
        'environmentUrl',
        `/environments/${environment}`,
      );
      expect(getOperation).toHaveBeenCalledTimes(
        input.waitForCompletion === false ? 0 : 1,
      );
    },
  );

  it('runs its dry-run example: renders the service and changes nothing', async () => {
    const { input } = examples.find(e => e.input.dryRun)!;
    const { action, calls, store } = setup();
    const ctx = createMockActionContext({ input });
    await action.handler(ctx as any);

    expect(calls.map(c => c.method)).toEqual(['addService']);
    const [name, body, options] = calls[0].args;
    expect(name).toBe('dev-ada');
    expect(body).toEqual({
      template: 'servicetemplate:default/mysql',
      name: 'reports-db',
      parameters: input.parameters,
      dryRun: true,
    });
    expect(options.idempotencyKey).toBeUndefined();
    expect(store.get('dev-ada').services).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('serviceName', 'reports-db');
    expect(ctx.output).toHaveBeenCalledWith('operationId', 'dry-run');
    expect(ctx.output).toHaveBeenCalledWith(
      'environmentUrl',
      '/environments/dev-ada',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'service',
      expect.objectContaining({
        name: 'reports-db',
        kind: 'database',
        template: {
          ref: 'servicetemplate:default/mysql',
          version: expect.any(String),
        },
        database: expect.objectContaining({ engine: 'mysql', version: '8.4' }),
      }),
    );
  });

  it('waits for the operation by default and keeps the call in a checkpoint', async () => {
    const { action, getOperation } = setup();
    const logger = mockServices.logger.mock();
    const base = createMockActionContext({ input: examples[0].input, logger });
    const ctx = { ...base, checkpoint: jest.fn(base.checkpoint) };
    await action.handler(ctx as any);
    expect(ctx.checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({
        key: 'environment.add-service.dev-ada.orders-db',
      }),
    );
    expect(getOperation).toHaveBeenCalledWith('op-update', expect.anything());
    expect(logger.info).toHaveBeenCalledWith(
      'Adding service orders-db from servicetemplate:default/postgresql to dev-ada (operation op-update)',
    );
    expect(logger.info).toHaveBeenCalledWith(
      'Service orders-db runs in dev-ada',
    );
  });

  it('only renders in a scaffolder dry run: no change, no checkpoint', async () => {
    const { action, calls, store } = setup();
    const base = createMockActionContext({ input: examples[0].input });
    const ctx = { ...base, isDryRun: true, checkpoint: jest.fn() };
    await action.handler(ctx as any);
    expect(calls.map(c => [c.method, c.args[1].dryRun])).toEqual([
      ['addService', true],
    ]);
    expect(calls[0].args[2].idempotencyKey).toBeUndefined();
    expect(ctx.checkpoint).not.toHaveBeenCalled();
    expect(store.get('dev-ada').services).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith(
      'service',
      expect.objectContaining({
        name: 'orders-db',
        database: expect.objectContaining({
          engine: 'postgresql',
          version: '16',
        }),
      }),
    );
  });

  it.each([
    [
      'a parameter value the template refuses',
      { parameters: { version: '17' } },
      'Could not add service orders-db from servicetemplate:default/postgresql to environment dev-ada: parameters.version: must be one of 14, 15, 16',
    ],
    [
      'a service name that is taken',
      { environment: 'staging', name: 'orders-api' },
      'Could not add service orders-api from servicetemplate:default/postgresql to environment staging: name: a service named "orders-api" already exists',
    ],
    [
      'an unknown template',
      { template: 'cassandra' },
      'Could not add service orders-db from servicetemplate:default/cassandra to environment dev-ada: template: no ServiceTemplate servicetemplate:default/cassandra',
    ],
    [
      'an unknown environment',
      { environment: 'nowhere' },
      'Could not add service orders-db from servicetemplate:default/postgresql to environment nowhere: Environment nowhere not found',
    ],
  ])('fails with the backend message for %s', async (_, change, message) => {
    const { action } = setup();
    const input = { ...examples[0].input, ...change };
    await expect(
      action.handler(createMockActionContext({ input }) as any),
    ).rejects.toThrow(message);
    // the same message in a dry run
    const dry = { ...createMockActionContext({ input }), isDryRun: true };
    await expect(action.handler(dry as any)).rejects.toThrow(message);
  });

  it('refuses a template ref of another kind before calling the backend', async () => {
    const { action, calls } = setup();
    const input = {
      ...examples[0].input,
      template: 'component:default/orders-api',
    };
    await expect(
      action.handler(createMockActionContext({ input }) as any),
    ).rejects.toThrow(
      'template: "component:default/orders-api" is a component, not a ServiceTemplate',
    );
    expect(calls).toEqual([]);
  });

  it('fails the step when the operation fails', async () => {
    const { action } = setup('failed');
    await expect(
      action.handler(
        createMockActionContext({ input: examples[0].input }) as any,
      ),
    ).rejects.toThrow('Operation update failed');
  });

  it('turns a template name into a ServiceTemplate ref', () => {
    expect(toServiceTemplateRef('postgresql')).toBe(
      'servicetemplate:default/postgresql',
    );
    expect(toServiceTemplateRef('platform/redis')).toBe(
      'servicetemplate:platform/redis',
    );
    expect(toServiceTemplateRef('ServiceTemplate:default/mysql')).toBe(
      'servicetemplate:default/mysql',
    );
    expect(() => toServiceTemplateRef('a:b:c')).toThrow(
      'is not a template name or ref',
    );
  });
});
