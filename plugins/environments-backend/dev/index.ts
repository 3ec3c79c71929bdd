import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

// The environments backend plugin on its own, for working on it without the
// demo portal. From the repository root:
//
//   bash scripts/greenroom.sh yarn workspace @greenroom/plugin-environments-backend start
//
// It reads the repository's app-config.yaml, so it uses the development
// secrets key, the simulated `local` runtime, the demo's SQLite files under
// .greenroom-data/ (stop the demo first) and, on first start, the example
// environments. Then, on :7007:
//
//   curl http://localhost:7007/api/environments/health
//   curl 'http://localhost:7007/api/environments/environments?mode=development'
//   curl http://localhost:7007/api/environments/environments/staging
//
// Clone one, follow its operation, stop and destroy the clone:
//
//   curl http://localhost:7007/api/environments/environments/staging/clone -H 'Content-Type: application/json' -d '{"name": "staging-copy", "mode": "development"}'
//   curl http://localhost:7007/api/environments/environments/staging-copy/operations
//   curl -X POST http://localhost:7007/api/environments/environments/staging-copy/stop
//   curl -X DELETE http://localhost:7007/api/environments/environments/staging-copy
//
// Service templates (the examples, from the catalog mock below), costs, and
// every route with its parameters:
//
//   curl http://localhost:7007/api/environments/templates
//   curl 'http://localhost:7007/api/environments/cost/summary?groupBy=owner'
//   curl http://localhost:7007/api/environments/openapi.json
//
// Requests act as the mock user `user:default/mock`; send
// `-H 'Authorization: Bearer mock-service-token'` to act as a service, or
// `-H 'Authorization: Bearer mock-none-token'` to see a 401.

const backend = createBackend();

// Mock auth: requests need no token. Every permission is allowed, since no
// permission backend runs here; the plugin's own checks still run.
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(mockServices.userInfo.factory());
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);

// The catalog holds the example ServiceTemplates, which the templates routes
// read, and one Component.
const templatesDir = path.resolve(
  __dirname,
  '../../../examples/service-templates',
);
const serviceTemplates = fs
  .readdirSync(templatesDir)
  .filter(file => file.endsWith('.yaml'))
  .flatMap(file =>
    parseAllDocuments(
      fs.readFileSync(path.join(templatesDir, file), 'utf8'),
    ).map(document => document.toJS()),
  );
backend.add(
  catalogServiceMock.factory({
    entities: [
      ...serviceTemplates,
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'sample', title: 'Sample Component' },
        spec: { type: 'service' },
      },
    ],
  }),
);

backend.add(import('../src'));

backend.start();
