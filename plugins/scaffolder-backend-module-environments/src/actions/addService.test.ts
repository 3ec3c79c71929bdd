import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  environmentsServiceMock,
  makeEnvironment,
} from '@greenroom/plugin-environments-node/testUtils';
import yaml from 'yaml';
import { inMemoryEnvironments } from './__testUtils__/inMemoryEnvironments';
import {
  createEnvironmentAddServiceAction,
  toServiceTemplateRef,
} from './addService';

const DEV_ADA = makeEnvironment({ name: 'dev-ada', mode: 'development' });

function setup(options: { operationStatus?: 'failed' } = {}) {
  const environments = inMemoryEnvironments({
    ...options,
    environments: [DEV_ADA],
  });
  const action = createEnvironmentAddServiceAction({ environments });
  const { calls, changes, environments: store } = environments;
  return { action, calls, changes, store };
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
      const { action, calls, store } = setup();
      const ctx = createMockActionContext({ input });
      await action.handler(ctx as any);
      const waits = input.waitForCompletion !== false;

      const environment = input.environment.replace(
        /^environment:default\//,
        '',
      );
      const template = input.template.includes(':')
        ? input.template
        : `servicetemplate:default/${input.template}`;
      // The change, then (unless told not to) the wait for its operation.
      expect(calls.map(c => [c.method, c.name])).toEqual([
        ['addService', environment],
        ...(waits ? [['getOperation', 'op-update']] : []),
      ]);
      expect(calls[0]).toEqual({
        method: 'addService',
        name: environment,
        args: { template, name: input.name, parameters: input.parameters },
        idempotencyKey: `scaffolder:${ctx.task.id}:add-service:${environment}:${input.name}`,
        principal: (await ctx.getInitiatorCredentials()).principal,
      });
      // Rendered by the same function the backend uses, with the template's defaults.
      expect(
        store.get(environment)!.services.find(s => s.name === input.name),
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
    },
  );

  it('runs its dry-run example: renders the service and changes nothing', async () => {
    const { input } = examples.find(e => e.input.dryRun)!;
    const { action, calls, changes, store } = setup();
    const ctx = createMockActionContext({ input });
    await action.handler(ctx as any);

    expect(calls.map(c => c.method)).toEqual(['addService']);
    const { name, args, idempotencyKey } = calls[0];
    expect(name).toBe('dev-ada');
    expect(args).toEqual({
      template: 'servicetemplate:default/mysql',
      name: 'reports-db',
      parameters: input.parameters,
      dryRun: true,
    });
    expect(idempotencyKey).toBeUndefined();
    expect(changes).toEqual([]);
    expect(store.get('dev-ada')!.services).toEqual([]);
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
    const { action, calls } = setup();
    const logger = mockServices.logger.mock();
    const base = createMockActionContext({ input: examples[0].input, logger });
    const ctx = { ...base, checkpoint: jest.fn(base.checkpoint) };
    await action.handler(ctx as any);
    expect(ctx.checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({
        key: 'environment.add-service.dev-ada.orders-db',
      }),
    );
    expect(calls).toContainEqual(
      expect.objectContaining({ method: 'getOperation', name: 'op-update' }),
    );
    expect(logger.info).toHaveBeenCalledWith(
      'Adding service orders-db from servicetemplate:default/postgresql to dev-ada (operation op-update)',
    );
    expect(logger.info).toHaveBeenCalledWith(
      'Service orders-db runs in dev-ada',
    );
  });

  it('only renders in a scaffolder dry run: no change, no checkpoint', async () => {
    const { action, calls, changes, store } = setup();
    const base = createMockActionContext({ input: examples[0].input });
    const ctx = { ...base, isDryRun: true, checkpoint: jest.fn() };
    await action.handler(ctx as any);
    expect(calls).toEqual([
      expect.objectContaining({
        method: 'addService',
        args: expect.objectContaining({ dryRun: true }),
        idempotencyKey: undefined,
      }),
    ]);
    expect(changes).toEqual([]);
    expect(ctx.checkpoint).not.toHaveBeenCalled();
    expect(store.get('dev-ada')!.services).toEqual([]);
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
      "Could not add service orders-db from servicetemplate:default/postgresql to environment nowhere: No environment named 'nowhere'",
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

  it("fails with the backend's own message, not the HTTP status, when the client answers an error response", async () => {
    const rejected = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'InputError',
            message: 'parameters.version: must be one of 14, 15, 16',
          },
          request: { method: 'POST', url: '/environments/dev-ada/services' },
          response: { statusCode: 400 },
        }),
        { status: 400, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const environments = environmentsServiceMock.mock({
      addService: jest.fn().mockRejectedValue(rejected),
    });
    const action = createEnvironmentAddServiceAction({ environments });
    await expect(
      action.handler(
        createMockActionContext({ input: examples[0].input }) as any,
      ),
    ).rejects.toThrow(
      new Error(
        'Could not add service orders-db from servicetemplate:default/postgresql to environment dev-ada: parameters.version: must be one of 14, 15, 16',
      ),
    );
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
    const { action } = setup({ operationStatus: 'failed' });
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
