import { makeEnvironment } from '@greenroom/plugin-environments-node/testUtils';
import { isPreviewOf } from './naming';

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
