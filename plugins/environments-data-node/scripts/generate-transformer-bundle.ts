// `yarn generate`: bundles the transformer into src/bundle/transformerScript.generated.ts.
import { writeFileSync } from 'node:fs';
import {
  TRANSFORMER_BUNDLE_FILE,
  renderTransformerBundle,
} from './renderTransformerBundle';

renderTransformerBundle().then(text =>
  writeFileSync(TRANSFORMER_BUNDLE_FILE, text),
);
