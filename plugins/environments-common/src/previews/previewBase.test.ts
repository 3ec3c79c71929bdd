import type { Entity } from '@backstage/catalog-model';
import {
  findPreviewBase,
  repositoryOfSourceLocation,
  whyNotOfRepository,
} from './previewBase';

const pr = {
  repository: 'example/storefront',
  repositoryUrl: 'https://github.com/example/storefront',
  slugAnnotation: 'github.com/project-slug',
};

function component(
  name: string,
  annotations: Record<string, string>,
  kind = 'Component',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, annotations },
  };
}

const slug = 'github.com/project-slug';
const previewBase = 'greenroom.dev/preview-base';
const source = 'backstage.io/source-location';

describe('repositoryOfSourceLocation', () => {
  it('reads host and owner/repo from url: locations', () => {
    expect(
      repositoryOfSourceLocation(
        'url:https://github.com/Example/StoreFront/tree/main/',
      ),
    ).toEqual({ host: 'github.com', repository: 'example/storefront' });
    expect(
      repositoryOfSourceLocation('url:https://ghe.example.com/a/b.git'),
    ).toEqual({ host: 'ghe.example.com', repository: 'a/b' });
  });

  it('answers undefined for other locations', () => {
    expect(repositoryOfSourceLocation('file:/tmp/x')).toBeUndefined();
    expect(
      repositoryOfSourceLocation('url:https://github.com/a'),
    ).toBeUndefined();
    expect(repositoryOfSourceLocation('url:not a url')).toBeUndefined();
  });
});

describe('whyNotOfRepository', () => {
  it('accepts a matching slug, with or without a matching source location', () => {
    expect(
      whyNotOfRepository(component('a', { [slug]: 'Example/Storefront' }), pr),
    ).toBeUndefined();
    expect(
      whyNotOfRepository(
        component('a', {
          [slug]: 'example/storefront',
          [source]: 'url:https://github.com/example/storefront/tree/main/web',
        }),
        pr,
      ),
    ).toBeUndefined();
  });

  it('refuses a slug or source location of another repository', () => {
    expect(
      whyNotOfRepository(component('a', { [slug]: 'mallory/storefront' }), pr),
    ).toContain("is 'mallory/storefront', not example/storefront");
    expect(
      whyNotOfRepository(
        component('a', {
          [slug]: 'example/storefront',
          [source]: 'url:https://github.com/mallory/storefront/tree/main/',
        }),
        pr,
      ),
    ).toContain('is not https://github.com/example/storefront');
    // same owner/repo on another host
    expect(
      whyNotOfRepository(
        component('a', {
          [slug]: 'example/storefront',
          [source]: 'url:https://ghe.example.com/example/storefront/',
        }),
        pr,
      ),
    ).toBeDefined();
    expect(
      whyNotOfRepository(
        component('a', { [slug]: 'example/storefront', [source]: 'file:/x' }),
        pr,
      ),
    ).toBeDefined();
  });

  it("reads the provider's own slug annotation", () => {
    const gitlab = {
      repository: 'example/storefront',
      repositoryUrl: 'https://gitlab.com/example/storefront',
      slugAnnotation: 'gitlab.com/project-slug',
    };
    expect(
      whyNotOfRepository(
        component('a', {
          'gitlab.com/project-slug': 'example/storefront',
          [source]: 'url:https://gitlab.com/example/storefront/-/tree/main/',
        }),
        gitlab,
      ),
    ).toBeUndefined();
    expect(
      whyNotOfRepository(
        component('a', { [slug]: 'example/storefront' }),
        gitlab,
      ),
    ).toBe("gitlab.com/project-slug is '', not example/storefront");
  });
});

describe('findPreviewBase', () => {
  it('finds the one Component with a preview base', () => {
    const { base, ignored } = findPreviewBase(
      [
        component('docs', { [slug]: 'example/storefront' }),
        component('web', {
          [slug]: 'example/storefront',
          [previewBase]: 'staging',
        }),
      ],
      pr,
    );
    expect(base).toEqual({
      kind: 'found',
      base: 'staging',
      componentRef: 'component:default/web',
      blueprintPath: '.greenroom/preview.yaml',
    });
    expect(ignored).toEqual([]);
  });

  it('refuses to pick when several Components have one', () => {
    const { base: found } = findPreviewBase(
      [
        component('web', {
          [slug]: 'example/storefront',
          [previewBase]: 'staging',
        }),
        component('api', { [slug]: 'example/storefront', [previewBase]: 'qa' }),
      ],
      pr,
    );
    expect(found).toEqual({
      kind: 'ambiguous',
      components: ['component:default/api', 'component:default/web'],
    });
  });

  it('leaves out Components of other repositories, and says why', () => {
    const { base: found, ignored } = findPreviewBase(
      [
        component('web', {
          [slug]: 'example/storefront',
          [source]: 'url:https://github.com/mallory/storefront/',
          [previewBase]: 'production',
        }),
        component('api', {
          [slug]: 'example/storefront',
          [previewBase]: 'qa',
          'greenroom.dev/preview-blueprint': 'deploy/preview.yaml',
        }),
        component(
          'bot',
          { [slug]: 'example/storefront', [previewBase]: 'x' },
          'User',
        ),
      ],
      pr,
    );
    expect(found).toEqual({
      kind: 'found',
      base: 'qa',
      componentRef: 'component:default/api',
      // The Component names where its blueprint is.
      blueprintPath: 'deploy/preview.yaml',
    });
    expect(ignored).toEqual([
      {
        ref: 'component:default/web',
        reason: expect.stringContaining('mallory/storefront'),
      },
    ]);
  });

  it('finds none without a preview base', () => {
    expect(findPreviewBase([], pr).base).toEqual({ kind: 'none' });
  });
});
