import fs from 'node:fs';
import path from 'node:path';
import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type {
  PermissionsService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import request from 'supertest';
import { parse } from 'yaml';
import { environmentsPlugin } from '../plugin';
import { ownerOnlyPermissions } from '../__testUtils__/permissions';

jest.setTimeout(120_000);

const API = '/api/environments';
const examples = path.resolve(
  __dirname,
  '../../../../examples/service-templates',
);
const template = (file: string): Entity =>
  parse(fs.readFileSync(path.join(examples, file), 'utf8'));

const postgresql = template('postgresql.yaml');
const redis = template('redis.yaml');
const legacy = template('postgresql-legacy.yaml');

/** The same template published again as 2.2.0, with a new default version. */
function postgresqlV2_2(): Entity {
  const next = structuredClone(postgresql) as any;
  next.spec.version = '2.2.0';
  next.spec.parameters.properties.version.enum = ['15', '16', '17'];
  next.spec.service.resources.memory = '2Gi';
  return next;
}

const environment = {
  name: 'dev-ada',
  system: 'shop',
  owner: 'team-shop',
  mode: 'development',
  services: [
    {
      name: 'orders-api',
      kind: 'application',
      image: { repository: 'ghcr.io/example/orders-api', tag: '1.0.0' },
      ports: [{ port: 8080, public: true }],
    },
  ],
};

describe('service templates API', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function start(
    databaseId: TestDatabaseId,
    entities: Entity[],
    permissions: ServiceFactory<
      PermissionsService,
      any,
      any
    > = mockServices.permissions.factory(),
  ) {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        permissions,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            environments: {
              secretsKey: 'test-secrets-key-that-is-long-enough',
              localRuntime: { delayMs: 5 },
            },
          },
        }),
        // Reads the array on each call, so a test can publish a new version.
        catalogServiceMock.mock({
          getEntities: async () => ({ items: [...entities] }),
          getEntityByRef: async (ref: any) =>
            entities.find(
              e => stringifyEntityRef(e) === String(ref).toLowerCase(),
            ),
        }).factory,
      ],
    });
    return server;
  }

  async function waitForOperation(server: any, id: string) {
    for (let i = 0; i < 200; i++) {
      const res = await request(server).get(`${API}/operations/${id}`);
      if (['succeeded', 'failed'].includes(res.body.status)) return res.body;
      await new Promise(r => setTimeout(r, 25));
    }
    throw new Error(`operation ${id} did not finish`);
  }

  it.each(databases.eachSupportedId())(
    'lists, filters and details templates read from the catalog on %p',
    async databaseId => {
      const server = await start(databaseId, [postgresql, redis, legacy]);

      const all = await request(server).get(`${API}/templates`);
      expect(all.status).toBe(200);
      expect(all.body.items.map((t: any) => t.name)).toEqual([
        'postgresql',
        'postgresql-legacy',
        'redis',
      ]);
      expect(all.body.items[0]).toMatchObject({
        ref: 'servicetemplate:default/postgresql',
        title: 'PostgreSQL',
        type: 'database',
        version: '2.1.0',
        lifecycle: 'production',
        engine: 'postgresql',
        owner: 'group:default/platform',
        usageCount: 0,
      });
      expect(all.body.items[0].parameters.properties.version.enum).toEqual([
        '14',
        '15',
        '16',
      ]);

      const deprecated = await request(server).get(
        `${API}/templates?lifecycle=deprecated`,
      );
      expect(deprecated.body.items.map((t: any) => t.name)).toEqual([
        'postgresql-legacy',
      ]);
      const searched = await request(server).get(`${API}/templates?q=REDIS`);
      expect(searched.body.items.map((t: any) => t.name)).toEqual(['redis']);
      const byEngine = await request(server).get(
        `${API}/templates?engine=postgresql&lifecycle=production`,
      );
      expect(byEngine.body.items.map((t: any) => t.name)).toEqual([
        'postgresql',
      ]);

      const detail = await request(server).get(
        `${API}/templates/default/postgresql`,
      );
      expect(detail.status).toBe(200);
      expect(detail.body.template.service.kind).toBe('database');
      expect(detail.body.versions).toEqual([
        {
          version: '2.1.0',
          lifecycle: 'production',
          firstSeenAt: expect.any(String),
        },
      ]);
      expect(detail.body.usage).toEqual([]);

      const missing = await request(server).get(
        `${API}/templates/default/oracle`,
      );
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toMatch(
        /no ServiceTemplate 'servicetemplate:default\/oracle'/,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'adds a service from a template with a dry run first, and refuses bad values naming the field on %p',
    async databaseId => {
      const server = await start(databaseId, [postgresql]);
      const created = await request(server)
        .post(`${API}/environments`)
        .send(environment);
      expect(created.status).toBe(202);
      await waitForOperation(server, created.body.operation.id);

      const badVersion = await request(server)
        .post(`${API}/environments/dev-ada/services`)
        .send({
          template: 'postgresql',
          name: 'db',
          parameters: { version: '9' },
        });
      expect(badVersion.status).toBe(400);
      expect(badVersion.body.error.message).toMatch(/version/);
      expect(badVersion.body.error.message).toMatch(/14/);

      const clash = await request(server)
        .post(`${API}/environments/dev-ada/services`)
        .send({ template: 'postgresql', name: 'orders-api', parameters: {} });
      expect(clash.status).toBe(400);
      expect(clash.body.error.message).toMatch(
        /^name: a service named "orders-api" already exists/,
      );

      const unknown = await request(server)
        .post(`${API}/environments/dev-ada/services`)
        .send({ template: 'oracle', name: 'db', parameters: {} });
      expect(unknown.status).toBe(404);

      const preview = await request(server)
        .post(`${API}/environments/dev-ada/services`)
        .send({
          template: 'postgresql',
          name: 'db',
          parameters: { version: '15' },
          dryRun: true,
        });
      expect(preview.status).toBe(200);
      expect(preview.body.service).toMatchObject({
        name: 'db',
        kind: 'database',
        image: { repository: 'docker.io/library/postgres', tag: '15-alpine' },
        database: { engine: 'postgresql', version: '15', mode: 'container' },
        template: {
          ref: 'servicetemplate:default/postgresql',
          version: '2.1.0',
          parameters: { version: '15' },
        },
      });
      // A dry run changes nothing.
      const unchanged = await request(server).get(
        `${API}/environments/dev-ada`,
      );
      expect(unchanged.body.services.map((s: any) => s.name)).toEqual([
        'orders-api',
      ]);

      const added = await request(server)
        .post(`${API}/environments/dev-ada/services`)
        .send({
          template: 'servicetemplate:default/postgresql',
          name: 'db',
          parameters: { version: '15' },
        });
      expect(added.status).toBe(202);
      expect(added.body.operation.type).toBe('update');
      const operation = await waitForOperation(server, added.body.operation.id);
      expect(operation.status).toBe('succeeded');
      const after = await request(server).get(`${API}/environments/dev-ada`);
      expect(after.body.services.map((s: any) => s.name)).toEqual([
        'orders-api',
        'db',
      ]);
      expect(after.body.status).toBe('running');

      const usage = await request(server).get(
        `${API}/templates/default/postgresql`,
      );
      expect(usage.body.usage).toEqual([
        {
          environment: 'dev-ada',
          environmentTitle: 'dev-ada',
          mode: 'development',
          service: 'db',
          version: '2.1.0',
          status: 'current',
        },
      ]);
      const upgrades = await request(server).get(
        `${API}/environments/dev-ada/template-upgrades`,
      );
      expect(upgrades.body.items).toEqual([
        {
          service: 'db',
          template: 'servicetemplate:default/postgresql',
          version: '2.1.0',
          status: 'current',
          latest: '2.1.0',
        },
      ]);
      const nothingNewer = await request(server)
        .post(`${API}/environments/dev-ada/services/db/upgrade`)
        .send({ dryRun: true });
      expect(nothingNewer.status).toBe(409);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts and lists only the environments the caller may read on %p',
    async databaseId => {
      // Reading environments is conditional: only team-shop's (IS_OWNER).
      const server = await start(
        databaseId,
        [postgresql],
        ownerOnlyPermissions(['group:default/team-shop']).factory,
      );
      const owners = {
        'dev-ada': 'group:default/team-shop',
        'dev-eve': 'team-shop',
        'dev-pay': 'group:default/team-pay',
      };
      for (const [name, owner] of Object.entries(owners)) {
        const created = await request(server)
          .post(`${API}/environments`)
          .send({ ...environment, name, owner });
        expect(created.status).toBe(202);
        await waitForOperation(server, created.body.operation.id);
        const added = await request(server)
          .post(`${API}/environments/${name}/services`)
          .send({ template: 'postgresql', name: 'db', parameters: {} });
        expect(added.status).toBe(202);
        await waitForOperation(server, added.body.operation.id);
      }

      const list = await request(server).get(`${API}/templates`);
      expect(list.status).toBe(200);
      expect(list.body.items[0]).toMatchObject({
        name: 'postgresql',
        usageCount: 2,
      });
      const detail = await request(server).get(
        `${API}/templates/default/postgresql`,
      );
      expect(detail.status).toBe(200);
      expect(detail.body.template.usageCount).toBe(2);
      expect(detail.body.usage.map((u: any) => u.environment)).toEqual([
        'dev-ada',
        'dev-eve',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'detects a newer published version and upgrades after showing the change on %p',
    async databaseId => {
      const catalog = [postgresql];
      const server = await start(databaseId, catalog);
      await request(server)
        .post(`${API}/environments`)
        .send(environment)
        .expect(202);
      const added = await request(server)
        .post(`${API}/environments/dev-ada/services`)
        .send({
          template: 'postgresql',
          name: 'db',
          parameters: { version: '16' },
        });
      expect(added.status).toBe(202);
      await waitForOperation(server, added.body.operation.id);
      // A user's own variable survives the upgrade.
      await request(server)
        .put(`${API}/environments/dev-ada/services/db/variables/POOL_SIZE`)
        .send({ kind: 'value', value: '20' })
        .expect(200);

      // The platform team publishes 2.2.0: the catalog now returns it.
      catalog.splice(0, 1, postgresqlV2_2());
      const upgrades = await request(server).get(
        `${API}/environments/dev-ada/template-upgrades`,
      );
      expect(upgrades.body.items).toEqual([
        expect.objectContaining({
          service: 'db',
          version: '2.1.0',
          status: 'outdated',
          latest: '2.2.0',
        }),
      ]);

      const dryRun = await request(server)
        .post(`${API}/environments/dev-ada/services/db/upgrade`)
        .send({ dryRun: true });
      expect(dryRun.status).toBe(200);
      expect(dryRun.body).toEqual({
        service: 'db',
        from: '2.1.0',
        to: '2.2.0',
        changes: [
          { path: 'resources.memory', before: '1Gi', after: '2Gi' },
          { path: 'template.version', before: '2.1.0', after: '2.2.0' },
        ],
      });
      const before = await request(server).get(`${API}/environments/dev-ada`);
      expect(before.body.services[1].template.version).toBe('2.1.0');

      const upgraded = await request(server)
        .post(`${API}/environments/dev-ada/services/db/upgrade`)
        .send({});
      expect(upgraded.status).toBe(202);
      await waitForOperation(server, upgraded.body.operation.id);
      const after = await request(server).get(`${API}/environments/dev-ada`);
      const db = after.body.services.find((s: any) => s.name === 'db');
      expect(db.template.version).toBe('2.2.0');
      expect(db.resources.memory).toBe('2Gi');
      expect(db.database.version).toBe('16');
      expect(db.variables).toContainEqual({
        key: 'POOL_SIZE',
        kind: 'value',
        value: '20',
      });

      const detail = await request(server).get(
        `${API}/templates/default/postgresql`,
      );
      expect(detail.body.versions.map((v: any) => v.version)).toEqual([
        '2.2.0',
        '2.1.0',
      ]);
      expect(detail.body.usage[0]).toMatchObject({
        version: '2.2.0',
        status: 'current',
      });
    },
  );

  it('marks services on a deprecated template version', async () => {
    const server = await start('SQLITE_3', [legacy]);
    await request(server)
      .post(`${API}/environments`)
      .send(environment)
      .expect(202);
    const added = await request(server)
      .post(`${API}/environments/dev-ada/services`)
      .send({ template: 'postgresql-legacy', name: 'db', parameters: {} });
    expect(added.status).toBe(202);
    const upgrades = await request(server).get(
      `${API}/environments/dev-ada/template-upgrades`,
    );
    expect(upgrades.body.items).toEqual([
      {
        service: 'db',
        template: 'servicetemplate:default/postgresql-legacy',
        version: '1.4.2',
        status: 'deprecated',
      },
    ]);
  });
});
