// The REST API of the environments plugin, OpenAPI 3.1: the one contract of
// the backend's router, the frontend's client and the backend modules'
// client. Their types are generated from it (`yarn generate` in this package
// writes openapi.generated.ts). Request bodies are described loosely: the
// zod schemas of this package validate them in full, with messages that name
// the field. Answers are described exactly, from the same zod schemas. The
// parts are in openapi/: shared parameters and answers, the component
// schemas, and the paths by resource.

import { componentSchemas } from './openapi/components';
import { costPaths } from './openapi/costPaths';
import { environmentPaths } from './openapi/environmentPaths';
import { operationPaths } from './openapi/operationPaths';
import { previewPaths } from './openapi/previewPaths';
import { answer } from './openapi/responses';
import { templatePaths } from './openapi/templatePaths';

/**
 * The OpenAPI document of the environments REST API, served at
 * `/api/environments/openapi.json`.
 *
 * @public
 */
export const environmentsApiSpec = {
  openapi: '3.1.0',
  info: {
    title: 'environments',
    version: '1',
    description: 'Greenroom environments: catalog, lifecycle and operations.',
    license: { name: 'UNLICENSED' },
  },
  servers: [{ url: '/' }],
  components: { schemas: componentSchemas },
  paths: {
    ...environmentPaths,
    ...templatePaths,
    ...operationPaths,
    ...costPaths,
    ...previewPaths,
    '/health': {
      get: {
        operationId: 'Health',
        responses: { '200': answer('Healthy', 'Health') },
      },
    },
  },
} as const;
