import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { inMemoryEnvironments } from './__testUtils__/inMemoryEnvironments';
import { createEnvironmentCloneAction } from './cloneEnvironment';

const action = createEnvironmentCloneAction({
  environments: inMemoryEnvironments(),
});
const examples = action.examples!.map(e => ({
  description: e.description,
  input: yaml.parse(e.example).steps[0].input,
}));

/** Staging's secret, which a clone does not copy. */
const attention = [
  {
    item: 'secret:STRIPE_KEY',
    reason: 'secrets are not copied: set a value for the clone',
  },
];

describe('environment:clone', () => {
  it.each(examples)(
    'runs its example "$description" as the initiating user',
    async ({ input }) => {
      const environments = inMemoryEnvironments();
      const ctx = createMockActionContext({ input });
      await createEnvironmentCloneAction({ environments }).handler(ctx as any);

      const clones = environments.calls.filter(
        c => c.method === 'cloneEnvironment',
      );
      expect(clones).toHaveLength(1);
      const { name: source, args: request, idempotencyKey } = clones[0];
      expect(source).toBe('staging');
      expect(request).toMatchObject({
        name: input.name,
        mode: 'development',
        dataPolicy: input.dataPolicy,
        ...(input.data && { data: input.data }),
      });
      expect(request).not.toHaveProperty('source');
      expect(request).not.toHaveProperty('waitUntilReady');
      expect(request).not.toHaveProperty('dryRun');
      expect(clones[0].principal).toEqual(
        (await ctx.getInitiatorCredentials()).principal,
      );
      expect(idempotencyKey).toBe(
        `scaffolder:${ctx.task.id}:clone:${input.name}`,
      );

      expect(ctx.output).toHaveBeenCalledWith('name', input.name);
      expect(ctx.output).toHaveBeenCalledWith('operationId', 'op-clone');
      expect(ctx.output).toHaveBeenCalledWith(
        'entityRef',
        `environment:default/${input.name}`,
      );
      expect(ctx.output).toHaveBeenCalledWith('attention', attention);
    },
  );

  it('keeps the clone in a checkpoint keyed by source and name, and logs what needs attention', async () => {
    const environments = inMemoryEnvironments();
    const logger = mockServices.logger.mock();
    const base = createMockActionContext({ input: examples[0].input, logger });
    const ctx = { ...base, checkpoint: jest.fn(base.checkpoint) };
    await createEnvironmentCloneAction({ environments }).handler(ctx as any);
    expect(ctx.checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'environment.clone.staging.dev-ada' }),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'Needs attention: secret:STRIPE_KEY: secrets are not copied: set a value for the clone',
    );
  });

  it('only asks for the plan in a dry run, and logs its diff', async () => {
    const environments = inMemoryEnvironments();
    const logger = mockServices.logger.mock();
    const base = createMockActionContext({ input: examples[0].input, logger });
    const ctx = {
      ...base,
      isDryRun: true,
      checkpoint: jest.fn(base.checkpoint),
    };
    await createEnvironmentCloneAction({ environments }).handler(ctx as any);

    expect(environments.calls).toEqual([
      expect.objectContaining({
        method: 'cloneEnvironment',
        name: 'staging',
        args: expect.objectContaining({ dryRun: true }),
        idempotencyKey: undefined,
      }),
    ]);
    expect(environments.changes).toEqual([]);
    expect(ctx.checkpoint).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(
      'changed variables.GR_DB_HOST: db-staging → db-dev-ada',
    );
    expect(logger.info).toHaveBeenCalledWith(
      'attention variables.STRIPE_KEY (secrets are not copied)',
    );
    expect(ctx.output).toHaveBeenCalledWith('operationId', 'dry-run');
    expect(ctx.output).toHaveBeenCalledWith('attention', attention);
  });

  it('fails the step when the operation fails', async () => {
    const environments = inMemoryEnvironments({ operationStatus: 'failed' });
    const ctx = createMockActionContext({ input: examples[0].input });
    await expect(
      createEnvironmentCloneAction({ environments }).handler(ctx as any),
    ).rejects.toThrow('Operation clone failed');
  });
});
