import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { EnvironmentPatch } from '@greenroom/plugin-environments-node';
import { makeEnvironment } from '@greenroom/plugin-environments-node/testUtils';
import yaml from 'yaml';
import {
  inMemoryEnvironments,
  STAGING,
} from './__testUtils__/inMemoryEnvironments';
import { createEnvironmentPreviewAction } from './previewEnvironment';

const [prExample, branchExample] = createEnvironmentPreviewAction({
  environments: inMemoryEnvironments(),
}).examples!.map(e => yaml.parse(e.example).steps[0].input);

function run(
  input: Record<string, any>,
  environments = inMemoryEnvironments(),
  extra: Record<string, any> = {},
) {
  const logger = mockServices.logger.mock();
  const base = createMockActionContext({ input, logger });
  const ctx = { ...base, checkpoint: jest.fn(base.checkpoint), ...extra };
  const done = createEnvironmentPreviewAction({ environments }).handler(
    ctx as any,
  );
  const { calls, changes, environments: store } = environments;
  return { ctx, logger, done, calls, changes, store };
}

const PREVIEW = makeEnvironment({
  name: 'pr-example-storefront-42',
  mode: 'preview',
  services: [
    {
      ...STAGING.services[0],
      git: { repository: 'example/storefront', branch: 'feature/checkout' },
      image: { repository: 'ghcr.io/example/storefront', tag: '1111111' },
    },
    STAGING.services[1],
  ],
});

describe('environment:preview', () => {
  it('names a pull request preview like the GitHub module', async () => {
    const { ctx, done } = run({
      ...prExample,
      pullRequest: {
        repository: 'my-org/shop',
        number: 7,
        url: 'https://github.com/my-org/shop/pull/7',
      },
    });
    await done;
    // owner and repository, hashed where `my-org/shop` could read two ways
    expect(ctx.output).toHaveBeenCalledWith(
      'name',
      'pr-my-org-shop-a7bc31c1-7',
    );
  });

  it('creates the preview of its pull request example: clone, then switch', async () => {
    const { ctx, changes, store, done } = run(prExample);
    await done;
    const taskId = ctx.task.id;

    expect(changes.map(c => c.method)).toEqual([
      'cloneEnvironment',
      'updateEnvironment',
    ]);
    const [clone, update] = changes;
    expect(clone.name).toBe('staging');
    expect(clone.args).toEqual({
      name: 'pr-example-storefront-42',
      mode: 'preview',
      ttl: '3d',
      pullRequest: {
        provider: 'github',
        repository: 'example/storefront',
        number: 42,
        url: 'https://github.com/example/storefront/pull/42',
        branch: 'feature/checkout',
        headSha: prExample.commit,
      },
    });
    expect(clone).toMatchObject({
      principal: (await ctx.getInitiatorCredentials()).principal,
      idempotencyKey: `scaffolder:${taskId}:preview:clone:pr-example-storefront-42`,
    });
    expect(update.name).toBe('pr-example-storefront-42');
    expect(update.idempotencyKey).toBe(
      `scaffolder:${taskId}:preview:switch:pr-example-storefront-42`,
    );
    expect((update.args as EnvironmentPatch).services![0]).toMatchObject({
      git: { repository: 'example/storefront', branch: 'feature/checkout' },
      image: { tag: prExample.commit },
    });
    expect(store.get('pr-example-storefront-42')!.services[0].image?.tag).toBe(
      prExample.commit,
    );
    expect(ctx.checkpoint.mock.calls.map(([c]) => c.key)).toEqual([
      'environment.preview.pr-example-storefront-42.clone',
      `environment.preview.pr-example-storefront-42.switch.${prExample.commit}`,
    ]);
    expect(ctx.output).toHaveBeenCalledWith('name', 'pr-example-storefront-42');
    expect(ctx.output).toHaveBeenCalledWith('operationId', 'op-update');
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'environment:default/pr-example-storefront-42',
    );
    expect(ctx.output).toHaveBeenCalledWith('created', true);
  });

  it('moves an existing preview to the new commit and extends it', async () => {
    const { ctx, changes, store, done } = run(
      prExample,
      inMemoryEnvironments({ environments: [PREVIEW] }),
    );
    await done;
    const taskId = ctx.task.id;

    expect(changes.map(c => [c.method, c.name])).toEqual([
      ['lifecycle', 'pr-example-storefront-42'],
      ['updateEnvironment', 'pr-example-storefront-42'],
    ]);
    expect(changes[1].args).toEqual({ services: expect.any(Array) });
    expect(changes[0]).toMatchObject({
      args: { action: 'extend', by: '3d', renew: true },
      idempotencyKey: `scaffolder:${taskId}:preview:extend:pr-example-storefront-42`,
    });
    expect(store.get('pr-example-storefront-42')!.services[0].image?.tag).toBe(
      prExample.commit,
    );
    expect(ctx.checkpoint.mock.calls.map(([c]) => c.key)).toEqual([
      `environment.preview.pr-example-storefront-42.extend.${taskId}`,
      `environment.preview.pr-example-storefront-42.switch.${prExample.commit}`,
    ]);
    expect(ctx.output).toHaveBeenCalledWith('operationId', 'op-update');
    expect(ctx.output).toHaveBeenCalledWith('created', false);
  });

  it('runs its branch example: a named preview without a pull request', async () => {
    const { ctx, changes, store, done } = run(branchExample);
    await done;
    expect(changes[0].method).toBe('cloneEnvironment');
    expect(changes[0].args).toEqual({
      name: 'preview-checkout',
      mode: 'preview',
      ttl: '7d',
    });
    // Without a commit, the image keeps its tag; the branch changes.
    expect(store.get('preview-checkout')!.services[0]).toEqual({
      ...STAGING.services[0],
      git: { repository: 'example/storefront', branch: 'checkout-redesign' },
    });
    expect(ctx.output).toHaveBeenCalledWith('created', true);
  });

  it('warns when the service names no repository to take the branch from', async () => {
    const { logger, done } = run({ ...branchExample, component: 'orders-api' });
    await done;
    expect(logger.warn).toHaveBeenCalledWith(
      'Service orders-api of preview-checkout names no git repository: it cannot follow branch checkout-redesign',
    );
  });

  it('waits for every operation it queued', async () => {
    const { done } = run(
      prExample,
      inMemoryEnvironments({ operationStatus: 'failed' }),
    );
    await expect(done).rejects.toThrow('Operation clone failed');
  });

  it('plans in a dry run without changing anything', async () => {
    const { ctx, calls, changes, logger, done } = run(prExample, undefined, {
      isDryRun: true,
    });
    await done;
    // Reads, and the plan of the clone: nothing that changes anything.
    expect(calls.map(c => [c.method, c.name])).toEqual([
      ['getEnvironment', 'pr-example-storefront-42'],
      ['getEnvironment', 'staging'],
      ['cloneEnvironment', 'staging'],
    ]);
    expect(calls[2].args).toMatchObject({ dryRun: true });
    expect(changes).toEqual([]);
    expect(ctx.checkpoint).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(
      'changed variables.GR_DB_HOST: db-staging → db-pr-example-storefront-42',
    );
    expect(ctx.output).toHaveBeenCalledWith('operationId', 'dry-run');
    expect(ctx.output).toHaveBeenCalledWith('created', true);

    const existing = run(
      prExample,
      inMemoryEnvironments({ environments: [PREVIEW] }),
      { isDryRun: true },
    );
    await existing.done;
    expect(existing.calls.map(c => c.method)).toEqual(['getEnvironment']);
    expect(existing.ctx.output).toHaveBeenCalledWith('created', false);
  });

  it('refuses inputs it cannot act on, before any side effect', async () => {
    const noName = run({
      base: 'staging',
      component: 'storefront',
      branch: 'x',
    });
    await expect(noName.done).rejects.toThrow('name is required');
    const noCommit = run({ ...prExample, commit: undefined });
    await expect(noCommit.done).rejects.toThrow('commit is required');
    const dry = run(
      { ...branchExample, component: 'payments-worker' },
      undefined,
      { isDryRun: true },
    );
    await expect(dry.done).rejects.toThrow(
      'No service of staging runs component:default/payments-worker',
    );
    expect([...noName.calls, ...noCommit.calls]).toEqual([]);
    // The dry run only read the preview and its base.
    expect(dry.calls.map(c => c.method)).toEqual([
      'getEnvironment',
      'getEnvironment',
    ]);
  });
});
