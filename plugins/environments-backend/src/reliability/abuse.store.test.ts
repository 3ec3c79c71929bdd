// Abuse scenarios the store must withstand: an Idempotency-Key reused for
// another request, owners compared case-insensitively, template usage
// limited to the environments the caller may read.
import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { environmentsPlugin } from '../plugin';
import { ownerOnlyPermissions } from '../__testUtils__/permissions';
import {
  API,
  SECRETS_KEY,
  seedStaging,
  startPlugin,
  stateHash,
  waitIdle,
} from './__testUtils__/harness';

jest.setTimeout(120_000);

const redis = {
  apiVersion: 'greenroom.dev/v1alpha1',
  kind: 'ServiceTemplate',
  metadata: { name: 'redis', namespace: 'default', title: 'Redis' },
  spec: {
    owner: 'group:default/platform',
    type: 'cache',
    version: '1.0.0',
    lifecycle: 'production',
    parameters: { type: 'object', properties: {} },
    service: {
      kind: 'database',
      database: { engine: 'redis', version: '7', mode: 'container' },
    },
  },
};

const environment = (name: string, owner: string) => ({
  name,
  system: 'shop',
  owner,
  mode: 'development',
  services: [
    {
      name: 'api',
      kind: 'application',
      image: { repository: 'ghcr.io/example/api', tag: '1.0.0' },
    },
  ],
});

describe('abuse: store', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  /**
   * The plugin with a policy that allows every check but reading
   * environments, which is conditional: by default only team-shop's.
   */
  async function startAsTeamShop(
    databaseId: TestDatabaseId,
    readConditions?: object,
  ) {
    const knex = await databases.init(databaseId);
    const permissions = readConditions
      ? mockServices.permissions.mock({
          authorize: async (requests: any[]) =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          authorizeConditional: async (requests: any[]) =>
            requests.map(() => ({
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'environments',
              resourceType: 'environment',
              conditions: readConditions,
            })),
        } as any)
      : ownerOnlyPermissions(['group:default/team-shop']);
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        permissions.factory,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            environments: {
              secretsKey: SECRETS_KEY,
              localRuntime: { delayMs: 5 },
            },
          },
        }),
        catalogServiceMock.mock({
          getEntities: async () => ({ items: [redis as any] }),
          getEntityByRef: async (ref: any) =>
            stringifyEntityRef(parseEntityRef(ref)) ===
            stringifyEntityRef(redis as any)
              ? (redis as any)
              : undefined,
        }).factory,
      ],
    });
    return { server, knex };
  }

  it.each(databases.eachSupportedId())(
    '8. an Idempotency-Key reused for another request is a 422, never the answer to the first one, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startPlugin(knex);
      await seedStaging(server, knex);

      const first = await request(server)
        .post(`${API}/environments`)
        .set('Idempotency-Key', 'deploy-1')
        .send(environment('dev-ada', 'team-shop'));
      expect(first.status).toBe(202);
      await waitIdle(knex);
      const before = await stateHash(knex);

      // A client that reuses its key must not be told that dev-bob was
      // created, nor that staging is being destroyed, when nothing happened.
      const create = await request(server)
        .post(`${API}/environments`)
        .set('Idempotency-Key', 'deploy-1')
        .send(environment('dev-bob', 'team-shop'));
      const destroy = await request(server)
        .delete(`${API}/environments/staging`)
        .set('Idempotency-Key', 'deploy-1');
      for (const res of [create, destroy]) {
        expect(res.status).toBe(422);
        expect(res.body.error.message).toBe(
          'Idempotency-Key: already used for a different request',
        );
      }
      expect(await stateHash(knex)).toEqual(before);

      // The same request again is still the first answer.
      const retry = await request(server)
        .post(`${API}/environments`)
        .set('Idempotency-Key', 'deploy-1')
        .send(environment('dev-ada', 'team-shop'));
      expect(retry.status).toBe(202);
      expect(retry.body.operation.id).toBe(first.body.operation.id);
    },
  );

  it.each(databases.eachSupportedId())(
    '8. IS_OWNER compares owners case-insensitively in the list, as its apply does, on %p',
    async databaseId => {
      // A policy written by hand: everyone may read every environment but
      // team-pay's. Its apply ignores case; the list used to compare exactly,
      // and so showed team-pay's environments to everyone.
      const { server, knex } = await startAsTeamShop(databaseId, {
        not: {
          rule: 'IS_OWNER',
          resourceType: 'environment',
          params: { owners: ['group:default/Team-Pay'] },
        },
      });
      for (const [name, owner] of [
        ['shop-dev', 'team-shop'],
        ['pay-dev', 'team-pay'],
      ]) {
        await request(server)
          .post(`${API}/environments`)
          .send(environment(name, owner))
          .expect(202);
      }
      await waitIdle(knex);

      const list = await request(server).get(`${API}/environments`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((e: any) => e.name)).toEqual(['shop-dev']);
      expect(list.body.totalCount).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    '8. template pages count and name only environments the caller may read, on %p',
    async databaseId => {
      const { server, knex } = await startAsTeamShop(databaseId);
      await request(server)
        .post(`${API}/environments`)
        .send(environment('pay-secret-project', 'team-pay'))
        .expect(202);
      await waitIdle(knex);
      await request(server)
        .post(`${API}/environments/pay-secret-project/services`)
        .send({ template: 'redis', name: 'cache' })
        .expect(202);
      await waitIdle(knex);

      const list = await request(server).get(`${API}/templates`);
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ name: 'redis', usageCount: 0 }),
      ]);
      const page = await request(server).get(`${API}/templates/default/redis`);
      expect(page.status).toBe(200);
      expect(page.body.template.usageCount).toBe(0);
      expect(page.body.usage).toEqual([]);
      expect(JSON.stringify(page.body)).not.toContain('pay-secret-project');
    },
  );
});
