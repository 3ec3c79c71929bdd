import { previewEnvironment as makeEnvironment } from './__testUtils__/previewEnvironment';
import { previewEnvironmentName } from './previewEnvironmentName';
import {
  isPreviewOf,
  notThisPreview,
  PREVIEW_NAME_PREFIX,
  previewPullRequestOf,
} from './previewOrigin';

const pullRequest = {
  provider: 'github',
  repository: 'example/storefront',
  number: 42,
  branch: 'b',
  headSha: 'a'.repeat(40),
  url: 'https://github.com/example/storefront/pull/42',
};

describe('isPreviewOf', () => {
  const pr = {
    provider: 'github',
    repository: 'example/storefront',
    number: 42,
  };
  const origin = (fields?: object) =>
    makeEnvironment({
      name: 'pr-example-storefront-42',
      origin: {
        type: fields ? 'preview' : 'manual',
        ...(fields && { pullRequest: { ...pullRequest, ...fields } }),
      } as any,
    });

  it('is true only for exactly this pull request', () => {
    expect(isPreviewOf(origin({}), pr)).toBe(true);
    expect(isPreviewOf(origin({ repository: 'Example/StoreFront' }), pr)).toBe(
      true,
    );
    expect(isPreviewOf(origin({ number: 43 }), pr)).toBe(false);
    expect(isPreviewOf(origin({ repository: 'mallory/storefront' }), pr)).toBe(
      false,
    );
    expect(isPreviewOf(origin({ provider: 'gitlab' }), pr)).toBe(false);
    expect(isPreviewOf(origin(), pr)).toBe(false);
    expect(
      isPreviewOf(origin({ provider: 'gitlab' }), {
        ...pr,
        provider: 'gitlab',
      }),
    ).toBe(true);
  });
});

describe('previewPullRequestOf', () => {
  const preview = (fields: object = {}, pr: object = {}) =>
    makeEnvironment({
      name: 'pr-example-storefront-42',
      origin: { type: 'preview', pullRequest: { ...pullRequest, ...pr } },
      ...fields,
    });

  it('is the pull request of a preview this module names', () => {
    expect(previewPullRequestOf(preview(), 'github')).toEqual(pullRequest);
    expect(previewPullRequestOf(preview(), 'gitlab')).toBeUndefined();
  });

  it.each([
    ['another name', preview({ name: 'pr-storefront-42' })],
    ['another mode', preview({ mode: 'development' })],
    ['being deleted', preview({ desiredState: 'deleted' })],
    ['another provider', preview({}, { provider: 'gitlab' })],
    ['no pull request', preview({ origin: { type: 'manual' } })],
  ])('is undefined for %s', (_, env) => {
    expect(previewPullRequestOf(env, 'github')).toBeUndefined();
  });

  it('knows the prefix of every preview name', () => {
    for (const repository of ['example/storefront', 'my-org/shop', 'a/b.c']) {
      expect(previewEnvironmentName(repository, 7)).toMatch(
        new RegExp(`^${PREVIEW_NAME_PREFIX}`),
      );
    }
  });
});

describe('notThisPreview', () => {
  it('names the environment and what the provider calls a change request', () => {
    expect(notThisPreview('pr-a-b-1')).toBe(
      "environment `pr-a-b-1` exists and is not this pull request's preview; nothing was changed",
    );
    expect(notThisPreview('pr-a-b-1', 'merge request')).toContain(
      "not this merge request's preview",
    );
  });
});
