import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { fakeEnvironments } from './__testUtils__/fakeEnvironments';
import { createEnvironmentCreateAction } from './createEnvironment';
import { createEnvironmentLifecycleAction } from './lifecycle';

const exampleInput = (action: { examples?: Array<{ example: string }> }) =>
  yaml.parse(action.examples![0].example).steps[0].input;

describe('environment:create', () => {
  it('runs its documented example as the initiating user, once per task', async () => {
    const { environments, calls } = fakeEnvironments();
    const action = createEnvironmentCreateAction({ environments });
    const input = exampleInput(action);
    const ctx = createMockActionContext({ input });

    await action.handler(ctx as any);

    expect(calls).toHaveLength(1);
    const [body, options] = calls[0].args;
    expect(body).toMatchObject({ name: 'dev-ada', mode: 'development' });
    expect(body.waitUntilReady).toBeUndefined();
    expect(options.credentials).toEqual(await ctx.getInitiatorCredentials());
    expect(options.idempotencyKey).toMatch(/^scaffolder:.+:create:dev-ada$/);
    expect(ctx.output).toHaveBeenCalledWith('operationId', 'op-create');
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'environment:default/dev-ada',
    );
  });

  it('does nothing but report in a dry run', async () => {
    const { environments, calls } = fakeEnvironments();
    const action = createEnvironmentCreateAction({ environments });
    const ctx = {
      ...createMockActionContext({ input: exampleInput(action) }),
      isDryRun: true,
    };
    await action.handler(ctx as any);
    expect(calls).toHaveLength(0);
    expect(ctx.output).toHaveBeenCalledWith('operationId', 'dry-run');
  });

  it('fails the step when the operation fails', async () => {
    const { environments } = fakeEnvironments('failed');
    const action = createEnvironmentCreateAction({ environments });
    const ctx = createMockActionContext({ input: exampleInput(action) });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'Operation create failed',
    );
  });
});

describe.each(['stop', 'start', 'destroy'] as const)('environment:%s', verb => {
  it('runs its documented example and waits for the operation', async () => {
    const { environments, calls } = fakeEnvironments();
    const action = createEnvironmentLifecycleAction(verb, { environments });
    expect(action.id).toBe(`environment:${verb}`);
    const ctx = createMockActionContext({ input: exampleInput(action) });
    await action.handler(ctx as any);
    expect(calls).toEqual([
      {
        method: 'lifecycle',
        args: [
          'dev-ada',
          verb,
          expect.objectContaining({
            idempotencyKey: expect.stringContaining(`:${verb}:dev-ada`),
          }),
        ],
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('operationId', `op-${verb}`);
  });
});
