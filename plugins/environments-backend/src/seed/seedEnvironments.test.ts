import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { environmentsPlugin } from '../plugin';

jest.setTimeout(120_000);

/** The demo's seed, found from this file (never a machine path). */
const SEED_FILE = path.resolve(
  __dirname,
  '../../../../examples/environments.yaml',
);
const API = '/api/environments';

describe('seedEnvironments with the demo seed', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function start(databaseId: TestDatabaseId, seedFile = SEED_FILE) {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            environments: {
              secretsKey: 'test-secrets-key-that-is-long-enough',
              localRuntime: { delayMs: 10 },
              limits: { customDomainSuffixes: ['example.com'] },
              seed: { file: seedFile, costHistoryDays: 0 },
            },
          },
        }),
      ],
    });
    return server;
  }

  it.each(databases.eachSupportedId())(
    'makes the preview from the storefront’s blueprint: only the storefront deployed, the rest of staging shared, on %p',
    async databaseId => {
      const server = await start(databaseId);
      const list = await request(server).get(`${API}/environments`);
      expect(list.body.items.map((e: any) => e.name).sort()).toEqual([
        'dev-ada',
        'dev-checkout-redesign',
        'pr-example-storefront-42',
        'production',
        'staging',
      ]);

      const res = await request(server).get(
        `${API}/environments/pr-example-storefront-42`,
      );
      expect(res.status).toBe(200);
      const preview = res.body;
      // The blueprint's services, with databases of its own...
      expect(preview.services.map((s: any) => s.name)).toEqual([
        'storefront',
        'orders-db',
        'cache',
      ]);
      // ...the rest reached at staging...
      expect(preview.baseline).toMatchObject({
        environment: 'staging',
        databases: 'clone',
      });
      expect(preview.sharing.services.map((s: any) => s.name)).toEqual([
        'orders-api',
        'payments-worker',
      ]);
      // ...the storefront on the pull request's branch and commit.
      expect(preview.services[0]).toMatchObject({
        git: { repository: 'example/storefront', branch: 'feat/new-checkout' },
        image: { tag: '3f9c2a7e1b4d5c6f8a9b0c1d2e3f4a5b6c7d8e9f' },
      });
      expect(preview.origin).toMatchObject({
        type: 'preview',
        pullRequest: { repository: 'example/storefront', number: 42 },
      });
      expect(preview.policy.ttl).toBe('3d');
      expect(preview.variables).toContainEqual({
        key: 'FEATURE_NEW_CHECKOUT',
        kind: 'value',
        value: 'true',
      });
    },
  );

  it('skips a preview whose blueprint names a service its base does not have', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-blueprint-'));
    try {
      fs.mkdirSync(path.join(dir, '.greenroom'));
      fs.writeFileSync(
        path.join(dir, '.greenroom', 'preview.yaml'),
        'apiVersion: greenroom.dev/v1alpha1\nkind: PreviewBlueprint\nspec:\n  base: staging\n  services: [search]\n',
      );
      fs.writeFileSync(
        path.join(dir, 'environments.yaml'),
        [
          'environments:',
          '  - { name: staging, system: shop, owner: team-shop, mode: staging,',
          '      services: [{ name: web, kind: application }] }',
          '  - fromBlueprint:',
          '      file: .greenroom/preview.yaml',
          '      component: web',
          '      pullRequest: { provider: github, repository: example/web, number: 1, branch: b, headSha: abc1234, url: https://github.com/example/web/pull/1 }',
          '',
        ].join('\n'),
      );
      const server = await start(
        'SQLITE_3',
        path.join(dir, 'environments.yaml'),
      );
      const list = await request(server).get(`${API}/environments`);
      expect(list.body.items.map((e: any) => e.name)).toEqual(['staging']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
