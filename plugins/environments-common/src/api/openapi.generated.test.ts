import { readFileSync } from 'node:fs';
import { API_TYPES_FILE, renderApiTypes } from '../../scripts/renderApiTypes';

describe('openapi.generated.ts', () => {
  it('holds the types of the spec as it is now (else run `yarn generate`)', async () => {
    expect(readFileSync(API_TYPES_FILE, 'utf8')).toBe(await renderApiTypes());
  });
});
