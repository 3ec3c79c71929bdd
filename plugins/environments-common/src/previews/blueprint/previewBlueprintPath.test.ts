import { isPreviewBlueprintPath } from './previewBlueprintPath';

describe('isPreviewBlueprintPath', () => {
  it.each([
    ['.greenroom/preview.yaml', true],
    ['examples/storefront/.greenroom/preview.yml', true],
    ['C:\\repo\\.greenroom\\preview.yaml', true],
    ['greenroom/preview.yaml', false],
    ['x.greenroom/preview.yaml', false],
    ['.greenroom/preview.yaml.bak', false],
    ['.greenroom/other.yaml', false],
  ])('%s → %s', (file, expected) => {
    expect(isPreviewBlueprintPath(file)).toBe(expected);
  });
});
