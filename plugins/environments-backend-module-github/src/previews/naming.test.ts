import { isValidEnvironmentName } from '@greenroom/plugin-environments-common';
import { previewEnvironmentName } from './naming';

describe('previewEnvironmentName', () => {
  it('names a preview from repository and PR number', () => {
    expect(previewEnvironmentName('example/storefront', 42)).toBe(
      'pr-storefront-42',
    );
  });

  it('keeps the PR number when the repository name is long', () => {
    const name = previewEnvironmentName(
      'example/an-extraordinarily-long-repository-name-for-the-shop',
      12345,
    );
    expect(isValidEnvironmentName(name)).toBe(true);
    expect(name.endsWith('-12345')).toBe(true);
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
