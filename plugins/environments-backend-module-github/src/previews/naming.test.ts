import { isValidEnvironmentName } from '@greenroom/plugin-environments-common';
import { makeEnvironment } from '@greenroom/plugin-environments-node/testUtils';
import { isPreviewOf, previewEnvironmentName } from './naming';

describe('previewEnvironmentName', () => {
  it('names a preview from owner, repository and PR number', () => {
    expect(previewEnvironmentName('example/storefront', 42)).toBe(
      'pr-example-storefront-42',
    );
    expect(previewEnvironmentName('Example/StoreFront', 42)).toBe(
      'pr-example-storefront-42',
    );
  });

  it('gives repositories of the same name under different owners different names', () => {
    const ours = previewEnvironmentName('example/storefront', 42);
    const theirs = previewEnvironmentName('mallory/storefront', 42);
    expect(theirs).toBe('pr-mallory-storefront-42');
    expect(theirs).not.toBe(ours);
  });

  it('hashes names that could be read two ways, so they stay apart', () => {
    const names = [
      previewEnvironmentName('my-org/shop', 1),
      previewEnvironmentName('my/org-shop', 1),
      previewEnvironmentName('org/shop.web', 1),
      previewEnvironmentName('org/shop_web', 1),
      previewEnvironmentName('org/shop-web', 1),
    ];
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toMatch(/^pr-my-org-shop-[0-9a-f]{8}-1$/);
    // the README's example
    expect(previewEnvironmentName('my-org/shop', 7)).toBe(
      'pr-my-org-shop-a7bc31c1-7',
    );
    expect(names[4]).toBe('pr-org-shop-web-1');
    for (const name of names) expect(isValidEnvironmentName(name)).toBe(true);
  });

  it('shortens long names with a stable hash of owner/repo and keeps the PR number', () => {
    const repository =
      'example-enterprises/an-extraordinarily-long-repository-name-for-the-shop';
    const name = previewEnvironmentName(repository, 12345);
    expect(name).toHaveLength(40);
    expect(isValidEnvironmentName(name)).toBe(true);
    expect(name).toMatch(/^pr-example-enterprises-an-[0-9a-f]{8}-12345$/);
    expect(previewEnvironmentName(repository.toUpperCase(), 12345)).toBe(name);
    // the same long prefix under another owner or name: another hash
    expect(
      previewEnvironmentName(
        'example-enterprises/an-extraordinarily-long-repository-name-for-the-shop2',
        12345,
      ),
    ).not.toBe(name);
  });

  it('is stable and distinct per PR', () => {
    expect(previewEnvironmentName('example/Store_Front', 7)).toBe(
      previewEnvironmentName('example/Store_Front', 7),
    );
    expect(previewEnvironmentName('example/storefront', 7)).not.toBe(
      previewEnvironmentName('example/storefront', 8),
    );
  });
});

describe('isPreviewOf', () => {
  const pr = { repository: 'example/storefront', number: 42 };
  const origin = (pullRequest?: object) =>
    makeEnvironment({
      name: 'pr-example-storefront-42',
      origin: {
        type: pullRequest ? 'preview' : 'manual',
        ...(pullRequest && {
          pullRequest: {
            provider: 'github',
            repository: 'example/storefront',
            number: 42,
            branch: 'b',
            headSha: 'a'.repeat(40),
            url: 'https://github.com/example/storefront/pull/42',
            ...pullRequest,
          },
        }),
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
  });
});
