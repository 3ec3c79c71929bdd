import { readFileSync } from 'node:fs';
import {
  TRANSFORMER_BUNDLE_FILE,
  renderTransformerBundle,
} from '../../scripts/renderTransformerBundle';

describe('transformerScript.generated.ts', () => {
  it('holds the transformer as it is now (else run `yarn generate`)', async () => {
    expect(readFileSync(TRANSFORMER_BUNDLE_FILE, 'utf8')).toBe(
      await renderTransformerBundle(),
    );
  });
});
