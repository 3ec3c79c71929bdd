import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { environmentsApiSpec as spec } from '@greenroom/plugin-environments-common';
import {
  API,
  seedStaging,
  startPlugin,
  stateHash,
  waitIdle,
} from './__testUtils__/harness';

jest.setTimeout(180_000);

// Small version of soak check 3 (10,000 inputs against the real backend): bad
// input never answers 5xx and never changes stored data. Each request carries
// at least one definite defect; see soak/checks/fuzz.mjs for the full generator.

/** mulberry32: the same sequence on every run. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface BadRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const BAD_SEGMENTS = [
  '%00',
  'a%00b',
  '%2F',
  '%E0%A4%A',
  '%25',
  encodeURIComponent('Dev Ada'),
  'x'.repeat(41),
  '__proto__',
  'constructor',
  encodeURIComponent('ünïcödé😀'),
  encodeURIComponent("' OR 1=1 --"),
  'nope',
];
const BAD_IF_MATCH = ['abc', '-1', '1.5', 'W/"x"', '0x1', '1e0', '"', '999999'];
const BAD_JSON = ['{', '{"a":', "{'a':1}", '[1,2', 'nul', '{"a":1}{'];
const NOT_OBJECTS = ['[]', '"text"', '42', 'null', 'true'];
const SHADOWING = { toString: 1, valueOf: 1 };

function badBody(path: string, method: string, pick: <T>(l: T[]) => T) {
  const r = pick([0, 1, 2, 3, 4]);
  if (r === 0) return pick(BAD_JSON);
  if (r === 1) return pick(NOT_OBJECTS);
  if (r === 2) return `${'['.repeat(3000)}1${']'.repeat(3000)}`;
  const pollute = (body: object) =>
    `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},${JSON.stringify(
      body,
    ).slice(1)}`;
  const bodies: Record<string, object[]> = {
    clone: [
      { name: SHADOWING, mode: 'development' },
      { name: 'Bad Name', mode: 'development' },
      { name: 'ok-name', mode: 'qa' },
      { name: 'ok-name', mode: 'development', title: 'nul\u0000' },
      { mode: 'development' },
    ],
    create: [
      { name: SHADOWING, system: 's', owner: 'o', mode: 'development' },
      { name: 'x'.repeat(41), system: 's', owner: 'o', mode: 'development' },
      { name: 'ok-name', system: 's', owner: 'o', mode: 42 },
      { system: 's', owner: 'o', mode: 'development' },
    ],
    patch: [
      { title: 42 },
      { title: 'nul\u0000' },
      { services: 'all' },
      { policy: 'x' },
    ],
    extend: [{ by: 42 }, { by: '2 weeks' }, { by: SHADOWING }, {}],
    variables: [
      { kind: 'nope' },
      { kind: 'value', value: 42 },
      { kind: 'alias' },
      {},
    ],
    services: [{ template: 42 }, { name: 'Bad Name', template: 'redis' }],
    upgrade: [{ dryRun: 'yes' }],
    activity: [{ kind: 42 }, { kind: SHADOWING }],
  };
  let kind = 'patch';
  if (path.endsWith('/clone')) kind = 'clone';
  else if (path === '/environments' && method === 'post') kind = 'create';
  else if (path.endsWith('/extend')) kind = 'extend';
  else if (path.includes('/variables/')) kind = 'variables';
  else if (path.endsWith('/upgrade')) kind = 'upgrade';
  else if (path.endsWith('/services')) kind = 'services';
  else if (path.endsWith('/activity')) kind = 'activity';
  const body = pick(bodies[kind]);
  return r === 3 ? pollute(body) : JSON.stringify(body);
}

/** `count` bad requests spread over every operation of the OpenAPI spec. */
function generate(count: number, seed: number): BadRequest[] {
  const random = seeded(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, any>).map(([method, op]) => ({
      path,
      method,
      op,
    })),
  );
  const good: Record<string, string> = {
    name: 'staging',
    service: 'orders-api',
    key: 'LOG_LEVEL',
    id: 'not-an-operation',
    namespace: 'default',
    templateName: 'redis',
  };
  const out: BadRequest[] = [];
  for (let i = 0; i < count; i++) {
    const { path, method, op } = operations[i % operations.length];
    const params: any[] = op.parameters ?? [];
    const pathParams = params.filter(p => p.in === 'path').map(p => p.name);
    const hasIfMatch = params.some(p => p.name === 'if-match');
    const defects = [
      ...(pathParams.length ? ['path'] : []),
      ...(hasIfMatch ? ['if-match'] : []),
      ...(op.requestBody ? ['body'] : []),
      ...(method === 'get' ? ['query'] : []),
    ];
    const defect = pick(defects.length ? defects : ['query']);
    const badParam = defect === 'path' ? pick(pathParams) : undefined;
    let url = `${API}${path.replace(/\{(\w+)\}/g, (_, p) =>
      p === badParam ? pick(BAD_SEGMENTS) : good[p],
    )}`;
    if (defect === 'query' || random() < 0.2) {
      url += `?${pick([
        'limit',
        'offset',
        'mode',
        'sort',
        'groupBy',
        'from',
        'to',
        'q',
      ])}=${pick([
        'abc',
        '-1',
        '1e309',
        '%00',
        'x'.repeat(300),
        'not-a-mode',
        '2026-13-45',
      ])}`;
    }
    const headers: Record<string, string> = {};
    if (defect === 'if-match') headers['if-match'] = pick(BAD_IF_MATCH);
    if (random() < 0.2)
      headers['idempotency-key'] = pick(['', '__proto__', 'x'.repeat(300)]);
    const bad: BadRequest = { method, path: url, headers };
    if (op.requestBody) {
      bad.body = badBody(path, method, pick);
      headers['content-type'] = 'application/json';
    }
    out.push(bad);
  }
  return out;
}

describe('reliability: fuzzed bad input', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'answers 300 bad requests across every endpoint without a 5xx and without changing stored data, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startPlugin(knex);
      await seedStaging(server, knex);
      await request(server)
        .post(`${API}/environments/staging/clone`)
        .send({ name: 'dev-ada', mode: 'development' })
        .expect(202);
      await waitIdle(knex);
      const before = await stateHash(knex);

      const problems: string[] = [];
      for (const bad of generate(300, 20261123)) {
        let req = (request(server) as any)[bad.method](bad.path);
        for (const [k, v] of Object.entries(bad.headers)) req = req.set(k, v);
        const res = await (bad.body === undefined ? req : req.send(bad.body));
        const accepted =
          bad.method !== 'get' &&
          !bad.path.endsWith('/activity') &&
          res.status < 300;
        if (res.status >= 500 || accepted) {
          problems.push(
            `${res.status} ${bad.method.toUpperCase()} ${
              bad.path
            } ${JSON.stringify(bad.headers)} ${bad.body?.slice(0, 100) ?? ''}`,
          );
        }
      }
      expect(problems).toEqual([]);
      await waitIdle(knex);
      expect(await stateHash(knex)).toEqual(before);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses the inputs the soak found answering 500 or changing data, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startPlugin(knex);
      await seedStaging(server, knex);
      const before = await stateHash(knex);
      const cases: Array<[string, any]> = [
        // NUL reached PostgreSQL ("invalid byte sequence"): 500
        [
          'GET /environments/%00',
          request(server).get(`${API}/environments/%00`),
        ],
        ['GET ?q=%00', request(server).get(`${API}/environments?q=%00`)],
        [
          'PATCH title with NUL',
          request(server)
            .patch(`${API}/environments/staging`)
            .send({ title: 'a\u0000b' }),
        ],
        // String() of { toString: 1, valueOf: 1 } threw a TypeError: 500
        [
          'create with an object name',
          request(server).post(`${API}/environments`).send({
            name: SHADOWING,
            system: 's',
            owner: 'o',
            mode: 'staging',
          }),
        ],
        [
          'clone with an object name',
          request(server)
            .post(`${API}/environments/staging/clone`)
            .send({ name: SHADOWING, mode: 'development' }),
        ],
        // parseEntityRef threw a TypeError on namespace '/': 500
        [
          'GET /templates/%2F/redis',
          request(server).get(`${API}/templates/%2F/redis`),
        ],
        // Number('0x1') === 1 passed as revision 1: the destroy went through
        [
          'DELETE with If-Match: 0x1',
          request(server)
            .delete(`${API}/environments/staging`)
            .set('If-Match', '0x1'),
        ],
        [
          'stop with If-Match: 1e0',
          request(server)
            .post(`${API}/environments/staging/stop`)
            .set('If-Match', '1e0'),
        ],
      ];
      for (const [what, pending] of cases) {
        const res = await pending;
        expect({ what, status: res.status }).toEqual({ what, status: 400 });
      }
      await waitIdle(knex);
      expect(await stateHash(knex)).toEqual(before);
      // The same routes still work with good input.
      await request(server)
        .delete(`${API}/environments/staging`)
        .set('If-Match', '"1"')
        .expect(202);
    },
  );
});
