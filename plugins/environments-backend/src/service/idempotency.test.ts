import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  API,
  seedStaging,
  startPlugin,
  stateHash,
  waitIdle,
} from '../reliability/__testUtils__/harness';
import { canonicalJson, requestFingerprint } from './idempotency';

jest.setTimeout(120_000);

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: null } }),
    ).toBe('{"a":{"c":null,"d":[3,{"e":2,"f":1}]},"b":1}');
    expect(canonicalJson(['b', 'a'])).toBe('["b","a"]');
    expect(canonicalJson('x\u00e9"')).toBe(JSON.stringify('x\u00e9"'));
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1}}'))).toBe(
      '{"__proto__":{"x":1}}',
    );
  });

  it('serializes what JSON.parse accepts, however deep', () => {
    const deep = JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`);
    expect(canonicalJson(deep)).toHaveLength(100_000);
    const long = Array.from({ length: 200_000 }, () => 0);
    expect(canonicalJson(long)).toBe(JSON.stringify(long));
  });
});

describe('requestFingerprint', () => {
  it('is the same for the same method, path and body in any key order', () => {
    const a = requestFingerprint('post', '/api/x', { a: 1, b: [1, 2] });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint('POST', '/api/x', { b: [1, 2], a: 1 })).toBe(a);
  });

  it('differs with the method, the path or the body; no body is an empty one', () => {
    const a = requestFingerprint('POST', '/api/x', {});
    expect(requestFingerprint('POST', '/api/x', undefined)).toBe(a);
    expect(requestFingerprint('DELETE', '/api/x', {})).not.toBe(a);
    expect(requestFingerprint('POST', '/api/y', {})).not.toBe(a);
    expect(requestFingerprint('POST', '/api/x', { a: 1 })).not.toBe(a);
    expect(requestFingerprint('POST', '/api/x', [])).not.toBe(a);
  });
});

describe('Idempotency-Key over HTTP', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'replays only the same request, answers 422 for another and changes nothing, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startPlugin(knex);
      await seedStaging(server, knex);
      const clone = {
        name: 'dev-ada',
        mode: 'development',
        dataPolicy: 'empty',
      };

      const first = await request(server)
        .post(`${API}/environments/staging/clone`)
        .set('Idempotency-Key', 'k1')
        .send(clone);
      expect(first.status).toBe(202);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      await waitIdle(knex);
      // The same request, its keys in another order: the first answer,
      // marked as a replay.
      const retry = await request(server)
        .post(`${API}/environments/staging/clone`)
        .set('Idempotency-Key', 'k1')
        .send({ dataPolicy: 'empty', mode: 'development', name: 'dev-ada' });
      expect(retry.status).toBe(202);
      expect(retry.body.operation.id).toBe(first.body.operation.id);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      // Never shown: the fingerprint stays in the database.
      expect(JSON.stringify(retry.body)).not.toMatch(/fingerprint/i);

      const before = await stateHash(knex);
      const others = [
        // another body
        request(server)
          .post(`${API}/environments/staging/clone`)
          .set('Idempotency-Key', 'k1')
          .send({ ...clone, name: 'dev-bob' }),
        // another path
        request(server)
          .post(`${API}/environments/staging/stop`)
          .set('Idempotency-Key', 'k1'),
        // another method and path
        request(server)
          .delete(`${API}/environments/dev-ada`)
          .set('Idempotency-Key', 'k1'),
        request(server)
          .patch(`${API}/environments/staging`)
          .set('Idempotency-Key', 'k1')
          .send({ title: 'Renamed' }),
      ];
      for (const res of await Promise.all(others)) {
        expect({ status: res.status, body: res.body.error }).toEqual({
          status: 422,
          body: expect.objectContaining({
            name: 'IdempotencyKeyReusedError',
            message: 'Idempotency-Key: already used for a different request',
          }),
        });
      }
      expect(await stateHash(knex)).toEqual(before);

      // The key is per caller: another key is a new request.
      const stop = await request(server)
        .post(`${API}/environments/staging/stop`)
        .set('Idempotency-Key', 'k2');
      expect(stop.status).toBe(202);
      expect(stop.body.operation.type).toBe('stop');
      expect(stop.headers['idempotent-replayed']).toBeUndefined();

      // A services update (PATCH) sent twice: done once, replayed once.
      const services = (
        await request(server).get(`${API}/environments/staging`)
      ).body.services;
      const patch = () =>
        request(server)
          .patch(`${API}/environments/staging`)
          .set('Idempotency-Key', 'k3')
          .send({ services });
      const updated = await patch();
      expect(updated.status).toBe(202);
      expect(updated.headers['idempotent-replayed']).toBeUndefined();
      const again = await patch();
      expect(again.status).toBe(202);
      expect(again.body.operation.id).toBe(updated.body.operation.id);
      expect(again.headers['idempotent-replayed']).toBe('true');
    },
  );

  it.each(databases.eachSupportedId())(
    'replays an operation queued before fingerprints were kept, whatever the request, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startPlugin(knex);
      await seedStaging(server, knex);
      const first = await request(server)
        .post(`${API}/environments/staging/stop`)
        .set('Idempotency-Key', 'old');
      expect(first.status).toBe(202);
      await waitIdle(knex);
      await knex('operations')
        .where({ id: first.body.operation.id })
        .update({ request_fingerprint: null });

      const other = await request(server)
        .post(`${API}/environments/staging/start`)
        .set('Idempotency-Key', 'old');
      expect(other.status).toBe(202);
      expect(other.body.operation.id).toBe(first.body.operation.id);
    },
  );
});
