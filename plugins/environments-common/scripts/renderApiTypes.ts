import { resolve } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { environmentsApiSpec } from '../src/api/spec';

/** The file of the generated types. */
export const API_TYPES_FILE = resolve(
  __dirname,
  '../src/api/openapi.generated.ts',
);

/** The TypeScript types of the API's spec, as `yarn generate` writes them. */
export async function renderApiTypes(): Promise<string> {
  const ast = await openapiTS(JSON.stringify(environmentsApiSpec), {
    alphabetize: true,
  });
  return `// Generated from spec.ts by \`yarn generate\`; do not edit.\n/* eslint-disable */\n\n${astToString(
    ast,
  )}`;
}
