import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import request from 'supertest';
import { loggedText } from '@greenroom/plugin-environments-node/testUtils';
import { environmentsPlugin } from '../plugin';
import { SecretBox } from '../secrets/SecretBox';
import { API, waitIdle } from './__testUtils__/harness';

jest.setTimeout(120_000);

/**
 * Abuse scenario: the secrets key leaks (or the public
 * development key was used). The operator rotates it out; afterwards the
 * leaked key opens nothing that is stored, the portal works without it, and
 * a production backend never starts with the development key.
 */

const LEAKED = 'the-leaked-key-that-everybody-now-knows-0001';
const FRESH = 'a-fresh-key-from-openssl-rand-hex-32-abcdef01';
const SECRET = 'sk_live_abuse_6_canary_value';
/** The key app-config.yaml ships, public by nature. */
const DEVELOPMENT_SECRETS_KEY =
  'greenroom-development-only-key-do-not-use-in-production';

async function start(
  knex: Knex,
  environments: Record<string, unknown>,
  logger = mockServices.logger.mock(),
) {
  const scheduler = mockServices.scheduler.mock();
  const backend = await startTestBackend({
    features: [
      environmentsPlugin,
      scheduler.factory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          environments: { localRuntime: { delayMs: 5 }, ...environments },
        },
      }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => logger,
      }),
      catalogServiceMock.mock().factory,
    ],
  });
  const reencrypt = () =>
    scheduler.scheduleTask.mock.calls
      .find(([task]) => task.id === 'environments-secrets-reencrypt')![0]
      .fn(new AbortController().signal);
  return { backend, server: backend.server, reencrypt, logger };
}

/** Every stored ciphertext with the context it was written with. */
async function storedSecrets(knex: Knex) {
  const variables = await knex('environment_variables').where('kind', 'secret');
  const passwords = await knex('database_credentials');
  return [
    ...variables.map(r => ({
      value: r.value as string,
      context: `${r.environment_id}/${r.service_name}/${r.key}`,
    })),
    ...passwords.map(r => ({
      value: r.password as string,
      context: `database/${r.environment_id}/${r.service_name}`,
    })),
  ];
}

describe('abuse: secrets keys', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    '6. a leaked secrets key opens nothing once rotated out, and the public development key never runs production, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      // The development key of app-config.yaml: refused in production.
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      try {
        await expect(
          start(knex, { secretsKey: DEVELOPMENT_SECRETS_KEY }),
        ).rejects.toThrow(/environments\.secretsKey/);
      } finally {
        process.env.NODE_ENV = nodeEnv;
      }

      // Secrets written under the key that then leaks.
      const first = await start(knex, { secretsKey: LEAKED });
      const created = await request(first.server)
        .post(`${API}/environments`)
        .send({
          name: 'staging',
          system: 'shop',
          owner: 'team-shop',
          mode: 'staging',
          services: [
            {
              name: 'api',
              kind: 'application',
              variables: [{ key: 'API_TOKEN', kind: 'secret', value: SECRET }],
            },
            {
              name: 'db',
              kind: 'database',
              database: {
                engine: 'postgresql',
                version: '16',
                mode: 'container',
              },
            },
          ],
          variables: [{ key: 'STRIPE_KEY', kind: 'secret', value: SECRET }],
        });
      expect(created.status).toBe(202);
      await waitIdle(knex);
      await first.backend.stop();
      const before = await storedSecrets(knex);
      expect(before.length).toBe(3);

      // Rotation: the fresh key first, the leaked one still there to decrypt.
      const rotating = await start(knex, { secretsKeys: [FRESH, LEAKED] });
      await rotating.reencrypt();
      await rotating.backend.stop();

      const leaked = new SecretBox(LEAKED);
      const after = await storedSecrets(knex);
      expect(after.length).toBe(3);
      for (const { value, context } of after) {
        expect(
          value.startsWith(`v2:${new SecretBox(FRESH).currentKeyId}:`),
        ).toBe(true);
        expect(() => leaked.decrypt(value, context)).toThrow();
      }

      // The leaked key removed: the portal still reads and deploys its secrets.
      const logger = mockServices.logger.mock();
      const rotated = await start(knex, { secretsKeys: [FRESH] }, logger);
      const plan = await request(rotated.server).get(
        `${API}/environments/staging/plan`,
      );
      expect(plan.status).toBe(200);
      const put = await request(rotated.server)
        .put(`${API}/environments/staging/variables/LOG_LEVEL`)
        .send({ kind: 'value', value: 'debug' });
      expect(put.status).toBeLessThan(300);
      await waitIdle(knex);
      const operations = await knex('operations')
        .orderBy('created_at', 'desc')
        .select('type', 'status');
      expect(operations[0]).toEqual({ type: 'update', status: 'succeeded' });
      expect(loggedText(logger)).not.toContain(SECRET);
      await rotated.backend.stop();
    },
  );
});
