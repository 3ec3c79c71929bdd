import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { makeEnvironment } from '@greenroom/plugin-environments-node/testUtils';
import { inMemoryEnvironments } from './__testUtils__/inMemoryEnvironments';
import { createEnvironmentCreateAction } from './createEnvironment';
import { createEnvironmentLifecycleAction } from './lifecycle';

const exampleInput = (action: { examples?: Array<{ example: string }> }) =>
  yaml.parse(action.examples![0].example).steps[0].input;

describe('environment:create', () => {
  it('runs its documented example as the initiating user, once per task', async () => {
    const environments = inMemoryEnvironments();
    const action = createEnvironmentCreateAction({ environments });
    const input = exampleInput(action);
    const ctx = createMockActionContext({ input });

    await action.handler(ctx as any);

    expect(environments.changes).toHaveLength(1);
    const { method, args, idempotencyKey, principal } = environments.changes[0];
    expect(method).toBe('createEnvironment');
    expect(args).toMatchObject({ name: 'dev-ada', mode: 'development' });
    expect(args).not.toHaveProperty('waitUntilReady');
    expect(principal).toEqual((await ctx.getInitiatorCredentials()).principal);
    expect(idempotencyKey).toMatch(/^scaffolder:.+:create:dev-ada$/);
    expect(ctx.output).toHaveBeenCalledWith('operationId', 'op-create');
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'environment:default/dev-ada',
    );
  });

  it('does nothing but report in a dry run', async () => {
    const environments = inMemoryEnvironments();
    const action = createEnvironmentCreateAction({ environments });
    const ctx = {
      ...createMockActionContext({ input: exampleInput(action) }),
      isDryRun: true,
    };
    await action.handler(ctx as any);
    expect(environments.calls).toHaveLength(0);
    expect(ctx.output).toHaveBeenCalledWith('operationId', 'dry-run');
  });

  it('fails the step when the operation fails', async () => {
    const environments = inMemoryEnvironments({ operationStatus: 'failed' });
    const action = createEnvironmentCreateAction({ environments });
    const ctx = createMockActionContext({ input: exampleInput(action) });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'Operation create failed',
    );
  });
});

describe.each(['stop', 'start', 'destroy'] as const)('environment:%s', verb => {
  it('runs its documented example and waits for the operation', async () => {
    const environments = inMemoryEnvironments({
      environments: [makeEnvironment({ name: 'dev-ada' })],
    });
    const action = createEnvironmentLifecycleAction(verb, { environments });
    expect(action.id).toBe(`environment:${verb}`);
    const ctx = createMockActionContext({ input: exampleInput(action) });
    await action.handler(ctx as any);
    expect(environments.calls).toEqual([
      expect.objectContaining({
        method: 'lifecycle',
        name: 'dev-ada',
        args: { action: verb },
        idempotencyKey: expect.stringContaining(`:${verb}:dev-ada`),
      }),
      expect.objectContaining({ method: 'getOperation', name: `op-${verb}` }),
    ]);
    expect(ctx.output).toHaveBeenCalledWith('operationId', `op-${verb}`);
  });
});
