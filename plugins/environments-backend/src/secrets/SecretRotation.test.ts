import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabaseEnvironmentsStore } from '../storage/DatabaseEnvironmentsStore';
import type { NewEnvironment } from '../storage/types';
import { DatabaseCredentialStore } from '../managedDatabases/DatabaseCredentialStore';
import { loggedText } from '@greenroom/plugin-environments-node/testUtils';
import { SecretBox } from './SecretBox';
import { SecretRotation } from './SecretRotation';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const KEY_A = 'key-a-that-is-long-enough-for-the-secrets-box';
const KEY_B = 'key-b-that-is-long-enough-for-the-secrets-box';

function environment(name: string): NewEnvironment {
  return {
    name,
    title: name,
    system: 'system:default/shop',
    owner: 'group:default/team-shop',
    mode: 'development',
    runtime: { type: 'local' },
    services: [
      {
        name: 'api',
        kind: 'application',
        image: { repository: 'ghcr.io/acme/api', tag: '1' },
        ports: [],
        resources: { cpu: '100m', memory: '128Mi' },
        replicas: 1,
        customDomains: [],
        variables: [
          { key: 'API_TOKEN', kind: 'secret', value: `token-of-${name}` },
          { key: 'LOG_LEVEL', kind: 'value', value: 'info' },
        ],
      },
      {
        name: 'db',
        kind: 'database',
        ports: [],
        resources: { cpu: '100m', memory: '128Mi' },
        replicas: 1,
        database: { engine: 'postgresql', version: '16', mode: 'container' },
        customDomains: [],
        variables: [],
      },
    ],
    variables: [
      { key: 'SHARED', kind: 'secret', value: `shared-of-${name}` },
      { key: 'REGION', kind: 'value', value: 'eu' },
    ],
    policy: { priority: 30 },
    desiredState: 'running',
    status: 'provisioning',
    origin: { type: 'manual' },
    attention: [],
    createdBy: 'user:default/guest',
  };
}

/** Three environments, each with two secrets and a database password, under `keys`. */
async function seed(knex: Knex, keys: string[]) {
  const box = new SecretBox(keys);
  const store = await DatabaseEnvironmentsStore.forTest(knex, box);
  const credentials = new DatabaseCredentialStore(knex, box);
  const ids: string[] = [];
  const passwords = new Map<string, string>();
  for (const name of ['alpha', 'beta', 'gamma']) {
    const { environment: created } = await store.createEnvironment(
      environment(name),
      { type: 'create', steps: ['provision'], requestedBy: 'user:default/a' },
    );
    ids.push(created.id);
    passwords.set(created.id, await credentials.password(created.id, 'db'));
  }
  return { ids, passwords };
}

/** What every store reads back, by environment id. */
async function readAll(knex: Knex, keys: string[], ids: string[]) {
  const box = new SecretBox(keys);
  const store = await DatabaseEnvironmentsStore.forTest(knex, box);
  const credentials = new DatabaseCredentialStore(knex, box);
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    out[id] = {
      secrets: Object.fromEntries(await store.getSecretValues(id)),
      password: await credentials.password(id, 'db'),
    };
  }
  return out;
}

async function storedCiphertexts(knex: Knex): Promise<string[]> {
  const variables = await knex('environment_variables')
    .where('kind', 'secret')
    .pluck('value');
  const passwords = await knex('database_credentials').pluck('password');
  return [...variables, ...passwords];
}

describe('SecretRotation', () => {
  it.each(databases.eachSupportedId())(
    'moves every stored secret from key A to key B, page by page, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { ids, passwords } = await seed(knex, [KEY_A]);
      const before = await readAll(knex, [KEY_A], ids);
      const plain = await knex('environment_variables')
        .where('kind', 'value')
        .orderBy(['environment_id', 'service_name', 'key'])
        .select();

      const logger = mockServices.logger.mock();
      const box = new SecretBox([KEY_B, KEY_A]);
      const rotation = new SecretRotation({
        db: knex,
        secrets: box,
        logger,
        pageSize: 2,
      });
      const result = await rotation.run();

      // 3 × (environment secret + service secret) + 3 passwords
      expect(result).toEqual({ reencrypted: 9, skipped: 0, failed: 0 });
      const stored = await storedCiphertexts(knex);
      expect(stored).toHaveLength(9);
      for (const value of stored) {
        expect(value.startsWith(`v2:${box.currentKeyId}:`)).toBe(true);
      }
      // Plain values are left alone.
      expect(
        await knex('environment_variables')
          .where('kind', 'value')
          .orderBy(['environment_id', 'service_name', 'key'])
          .select(),
      ).toEqual(plain);
      expect(await readAll(knex, [KEY_B, KEY_A], ids)).toEqual(before);
      // The old key can go.
      expect(await readAll(knex, [KEY_B], ids)).toEqual(before);
      expect(passwords.get(ids[0])).toBe(
        (before[ids[0]] as { password: string }).password,
      );

      // Idempotent: nothing left to do.
      expect(await rotation.run()).toEqual({
        reencrypted: 0,
        skipped: 0,
        failed: 0,
      });
      // Never a value in the log.
      const log = loggedText(logger);
      for (const id of ids) {
        const values = before[id] as {
          secrets: Record<string, string>;
          password: string;
        };
        for (const value of [
          ...Object.values(values.secrets),
          values.password,
        ]) {
          expect(log).not.toContain(value);
        }
      }
      expect(log).not.toContain(KEY_A);
      expect(log).not.toContain(KEY_B);
    },
  );

  it.each(databases.eachSupportedId())(
    'moves values of the first format (v1) to the current one on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { ids } = await seed(knex, [KEY_A]);
      const before = await readAll(knex, [KEY_A], ids);
      // Rewrite one row as the first release stored it.
      const row = await knex('environment_variables')
        .where({ environment_id: ids[1], service_name: '', key: 'SHARED' })
        .first();
      const legacyKey = createHash('sha256').update(KEY_A).digest();
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', legacyKey, iv);
      cipher.setAAD(Buffer.from(`${ids[1]}//SHARED`));
      const ct = Buffer.concat([
        cipher.update('shared-of-beta', 'utf8'),
        cipher.final(),
      ]);
      const v1 = `v1:${iv.toString('base64')}:${cipher
        .getAuthTag()
        .toString('base64')}:${ct.toString('base64')}`;
      await knex('environment_variables')
        .where({ environment_id: row.environment_id, key: 'SHARED' })
        .update({ value: v1 });
      expect(await readAll(knex, [KEY_A], ids)).toEqual(before);

      const result = await new SecretRotation({
        db: knex,
        secrets: new SecretBox([KEY_A]),
        logger: mockServices.logger.mock(),
      }).run();
      expect(result.reencrypted).toBe(1);
      expect(
        (await storedCiphertexts(knex)).every(v => v.startsWith('v2:')),
      ).toBe(true);
      expect(await readAll(knex, [KEY_A], ids)).toEqual(before);
    },
  );

  it.each(databases.eachSupportedId())(
    'never overwrites a value a writer changed meanwhile, and skips what no key opens, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { ids } = await seed(knex, [KEY_A]);
      // A row no configured key opens (e.g. under a key already removed):
      // the password of the database, read after the variables.
      const foreign = new SecretBox('a-key-nobody-configured-anymore-at-all');
      await knex('database_credentials')
        .where({ environment_id: ids[2], service_name: 'db' })
        .update({
          password: foreign.encrypt('lost', `database/${ids[2]}/db`),
        });

      // A writer (an older replica still on key A) changes the row the task
      // is about to replace, between the task's read and its write.
      const oldReplica = new SecretBox([KEY_A]);
      let raced: { id: string; service: string; key: string } | undefined;
      const racingDb = ((table: string) => {
        const builder = knex(table);
        const proxy: any = new Proxy(builder, {
          get(target, property, receiver) {
            if (property === 'update' && !raced) {
              return async (...args: unknown[]) => {
                const pending = (target.update as any)(...args);
                // update … set value = ? where environment_id = ? and
                // service_name = ? and key = ? and value = ?
                const [, id, service, key] = pending.toSQL().bindings;
                raced = { id, service, key };
                await knex(table)
                  .where({ environment_id: id, service_name: service, key })
                  .update({
                    value: oldReplica.encrypt(
                      'changed-by-writer',
                      `${id}/${service}/${key}`,
                    ),
                  });
                return pending;
              };
            }
            const value = Reflect.get(target, property, receiver);
            if (typeof value !== 'function') return value;
            // Chained calls keep going through the proxy.
            return (...args: unknown[]) => {
              const out = value.apply(target, args);
              return out === target ? proxy : out;
            };
          },
        });
        return proxy;
      }) as unknown as Knex;

      const logger = mockServices.logger.mock();
      const box = new SecretBox([KEY_B, KEY_A]);
      const first = await new SecretRotation({
        db: racingDb,
        secrets: box,
        logger,
      }).run();
      expect(raced).toBeDefined();
      expect(first).toEqual({ reencrypted: 7, skipped: 1, failed: 1 });
      expect(loggedText(logger)).not.toContain('lost');
      expect(logger.warn).toHaveBeenCalled();

      // The writer's value survived; the next run moves it too.
      const store = await DatabaseEnvironmentsStore.forTest(knex, box);
      const racedKey = `${raced!.service}/${raced!.key}`;
      expect((await store.getSecretValues(raced!.id)).get(racedKey)).toBe(
        'changed-by-writer',
      );
      const second = await new SecretRotation({
        db: knex,
        secrets: box,
        logger,
      }).run();
      expect(second).toEqual({ reencrypted: 1, skipped: 0, failed: 1 });
      expect(
        await DatabaseEnvironmentsStore.forTest(knex, new SecretBox([KEY_B]))
          .then(s => s.getSecretValues(raced!.id))
          .then(values => values.get(racedKey)),
      ).toBe('changed-by-writer');
    },
  );

  it.each(databases.eachSupportedId())(
    'stops between rows when aborted on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await seed(knex, [KEY_A]);
      const controller = new AbortController();
      controller.abort();
      const result = await new SecretRotation({
        db: knex,
        secrets: new SecretBox([KEY_B, KEY_A]),
        logger: mockServices.logger.mock(),
      }).run(controller.signal);
      expect(result.reencrypted).toBe(0);
      const stored = await storedCiphertexts(knex);
      expect(
        stored.every(v =>
          v.startsWith(`v2:${new SecretBox(KEY_A).currentKeyId}:`),
        ),
      ).toBe(true);
    },
  );
});
