// Check 3: fuzz every operation of the served OpenAPI document with bad input.
// Every generated request carries at least one definite defect (a path parameter
// that is invalid or names nothing, a non-numeric or stale If-Match, a bad query
// parameter, a body that is not JSON, not an object, or has a field of the wrong
// type or an invalid name), plus random "spice" (prototype-pollution keys,
// toString/valueOf shadowing, huge and unicode strings, deep nesting, odd
// Idempotency-Keys). Asserts: no 5xx ever, and the stored state is unchanged.
import { createHash } from 'node:crypto';
import { CheckResult, log, require } from '../lib.mjs';

const fc = require('fast-check');

/** Tables and columns left out of the state hash, and why. */
export const EXCLUDED = {
  tables: {
    activity:
      'portal views and POST …/activity legitimately record activity (DESIGN: views count as activity)',
    cost_daily:
      'daily cost rollup: a cache the scheduled environments-cost-rollup task derives from service_intervals (which are hashed)',
    cost_daily_days: 'bookkeeping of the same rollup cache',
    service_template_versions:
      'versions of ServiceTemplates seen in the catalog, recorded whenever templates are read; mirrors the catalog, not request input',
    knex_migrations_lock: 'knex internals',
    backstage_backend_tasks__tasks:
      "the scheduler's own bookkeeping of the plugin's scheduled tasks (next run, lease), moved by time alone",
  },
  columns: {
    environments: {
      last_activity_at:
        'moved forward by views and activity, like the activity table',
    },
  },
};

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function fuzzCheck({
  api,
  db,
  waitQuiet,
  total = 10_000,
  concurrency = 4,
  seed = Number(process.env.GREENROOM_SOAK_SEED ?? 20261123),
}) {
  const result = new CheckResult(
    '3-fuzz',
    `${total} bad inputs across every endpoint of the served OpenAPI document`,
  );
  const random = rng(seed);
  const pick = list => list[Math.floor(random() * list.length)];
  const chance = p => random() < p;
  result.figure('seed (GREENROOM_SOAK_SEED)', seed);

  const doc = (await api.get('/api/environments/openapi.json')).json;
  const operations = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      if (item[method])
        operations.push({
          path: p,
          method: method.toUpperCase(),
          op: item[method],
        });
    }
  }
  result.figure('operations in the OpenAPI document', operations.length);

  // What exists, so that defects can target real environments too.
  const list = (await api.get('/api/environments/environments?limit=1000')).json
    .items;
  const existing = list.map(e => e.name);
  const services = [...new Set(list.flatMap(e => e.services.map(s => s.name)))];
  const opIds = [];
  for (const name of existing.slice(0, 5)) {
    opIds.push(
      ...(
        (await api.get(`/api/environments/environments/${name}/operations`))
          .json.items ?? []
      ).map(o => o.id),
    );
  }

  // Random material from fast-check.
  const sample = (arb, n) =>
    fc.sample(arb, { numRuns: n, seed: Math.floor(random() * 2 ** 31) });
  const jsonValues = sample(fc.jsonValue({ maxDepth: 4 }), 400);
  const strings = sample(fc.string({ unit: 'binary', maxLength: 60 }), 300);
  const huge = n => pick(['a', 'é', '😀', '\u0000', '%', '\\', '"']).repeat(n);
  const deep = depth => {
    let v = pick([{}, [], 'x', 1]);
    for (let i = 0; i < depth; i++) v = chance(0.5) ? [v] : { a: v };
    return v;
  };
  const nasty = () =>
    pick([
      { toString: 1, valueOf: 1 },
      { toString: 'x' },
      { __proto__: { polluted: true } },
      { constructor: { prototype: { polluted: true } } },
      ['__proto__'],
      () => deep(20 + Math.floor(random() * 200)),
      () => huge(1000 + Math.floor(random() * 100_000)),
      () => pick(strings),
      () => pick(jsonValues),
      123,
      -1,
      1e308,
      true,
      null,
      '',
      'Dev Ada',
      '../../etc/passwd',
      "' OR 1=1 --",
      '${{ parameters.x }}',
      '\u202e\u0000\ud800',
    ]);
  const value = () => {
    const v = nasty();
    return typeof v === 'function' ? v() : JSON.parse(JSON.stringify(v));
  };
  // JSON.stringify drops a __proto__ own key made by an object literal: build it by text.
  const withPollution = obj => {
    const text = JSON.stringify(obj);
    const extra = pick([
      '"__proto__":{"polluted":true,"isAdmin":true}',
      '"constructor":{"prototype":{"polluted":true}}',
      '"__proto__":[1,2]',
      '"toString":1,"valueOf":1',
      '"hasOwnProperty":"x"',
    ]);
    return text === '{}' ? `{${extra}}` : `{${extra},${text.slice(1)}`;
  };

  const badNames = [
    '',
    'Dev-Ada',
    'dev ada',
    'x'.repeat(41),
    'a'.repeat(5000),
    '__proto__',
    'constructor',
    'prototype',
    'hasOwnProperty',
    '-lead',
    'trail-',
    'ünïcödé',
    '😀',
    '..',
    '../staging',
    'staging/../production',
    "' OR 1=1 --",
    'null',
    'undefined',
    '0',
    'nope-does-not-exist',
    '%00',
  ];
  /** A path segment: invalid or non-existent value, sent raw or encoded. */
  const badSegment = () => {
    const raw = chance(0.3) ? pick(strings) : pick(badNames);
    const mode = random();
    if (mode < 0.15)
      return pick([
        '%',
        '%E0%A4%A',
        '%ZZ',
        '%2e%2e%2f',
        '%C0%AE',
        '%ff%fe',
        '%2F',
        '%00',
        '%25',
      ]);
    return encodeURIComponent(raw);
  };
  const segment = (param, definiteDefect) => {
    if (definiteDefect) return badSegment();
    if (param === 'name') return encodeURIComponent(pick(existing));
    if (param === 'service') return encodeURIComponent(pick(services));
    if (param === 'id') return pick(opIds) ?? 'x';
    if (param === 'key') return pick(['STRIPE_KEY', 'LOG_LEVEL', 'NEW_KEY']);
    if (param === 'namespace') return 'default';
    if (param === 'templateName') return pick(['node-api', 'postgres']);
    return 'x';
  };

  const badQueryPairs = () => {
    const pairs = [];
    const n = 1 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) {
      const key = pick([
        'limit',
        'offset',
        'mode',
        'status',
        'sort',
        'q',
        'groupBy',
        'from',
        'to',
        'granularity',
        'environment',
        'owner',
        'system',
        'type',
        'engine',
        'lifecycle',
        'limit[]',
        'limit[__proto__]',
        '__proto__[polluted]',
        'constructor[prototype][polluted]',
        'unknownParam',
      ]);
      const val = pick([
        'abc',
        '-1',
        '1.5',
        '1e309',
        '99999999999999999999999',
        '0x10',
        'NaN',
        '',
        encodeURIComponent(huge(300 + Math.floor(random() * 1000))),
        'not-a-mode',
        '2026-13-45',
        '9999-12-31T99:99:99Z',
        '-277777-01-01',
        '%ZZ',
        encodeURIComponent(pick(strings)),
      ]);
      pairs.push(`${key.replace(/[[\]]/g, c => encodeURIComponent(c))}=${val}`);
      if (chance(0.2)) pairs.push(`${key}=${val}`); // repeated parameter
    }
    return pairs.join('&');
  };

  const validBodies = {
    '/api/environments/environments': () => ({
      name: 'fuzz-new',
      system: 'shop',
      owner: 'team-shop',
      mode: 'development',
      services: [],
    }),
    clone: () => ({
      name: 'fuzz-clone',
      mode: 'development',
      dataPolicy: 'empty',
    }),
    patch: () => ({ title: 'Fuzzed' }),
    extend: () => ({ by: '2d' }),
    variables: () => ({ kind: 'value', value: 'x' }),
    services: () => ({
      template: 'servicetemplate:default/node-api',
      name: 'fuzzsvc',
      parameters: {},
    }),
    upgrade: () => ({ dryRun: true }),
    activity: () => ({ kind: 'view' }),
  };
  const bodyKind = (p, method) => {
    if (p.endsWith('/clone')) return 'clone';
    if (p.endsWith('/extend')) return 'extend';
    if (p.includes('/variables/')) return 'variables';
    if (p.endsWith('/upgrade')) return 'upgrade';
    if (p.endsWith('/services')) return 'services';
    if (p.endsWith('/activity')) return 'activity';
    if (method === 'PATCH') return 'patch';
    return p;
  };
  /** A definitely invalid body for the operation, as text. */
  const badBody = (p, method) => {
    const kind = bodyKind(p, method);
    const r = random();
    if (r < 0.15)
      return pick([
        '{',
        '{"name":',
        '{"a":1,}',
        "{'a':1}",
        'nul',
        '[1,2',
        '\u0000',
        '{"a":"\\x"}',
        '"unterminated',
        '{"a":1}{"b":2}',
        '<xml/>',
      ]);
    if (r < 0.25)
      return JSON.stringify(pick([[], [1, 2], 'string', 42, true, null, [{}]]));
    if (r < 0.3)
      return `${'['.repeat(5000 + Math.floor(random() * 100_000))}${']'.repeat(
        0,
      )}`;
    if (r < 0.35) {
      const n = 2000 + Math.floor(random() * 50_000);
      return chance(0.5)
        ? `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`
        : `${'['.repeat(n)}1${']'.repeat(n)}`;
    }
    const body = (validBodies[kind] ?? validBodies.patch)();
    // A definite defect in a field the server must check.
    switch (kind) {
      case '/api/environments/environments':
      case 'clone':
        if (chance(0.5))
          body.name = pick([
            ...badNames.filter(
              n =>
                n !== 'constructor' &&
                n !== 'prototype' &&
                n !== 'null' &&
                n !== 'undefined' &&
                n !== '0' &&
                n !== 'nope-does-not-exist' &&
                n !== 'hasOwnProperty',
            ),
            { toString: 1, valueOf: 1 },
            42,
            [],
            null,
            true,
          ]);
        else if (chance(0.5)) delete body.name;
        else if (chance(0.7))
          body.mode = pick([123, 'qa', null, { toString: 1 }, [], '']);
        else body.title = pick(['nul\u0000in title', '\u0000']); // PostgreSQL text cannot hold it
        break;
      case 'patch':
        Object.assign(
          body,
          pick([
            { title: 42 },
            { title: 'nul\u0000' },
            { title: { toString: 1 } },
            { services: 'all' },
            { services: [{ name: 42 }] },
            { policy: 'none' },
            { policy: { ttl: 42 } },
            { expiresAt: 'tomorrow' },
            { system: 7 },
            { owner: [] },
          ]),
        );
        break;
      case 'extend':
        body.by = pick([
          42,
          null,
          [],
          { toString: 1 },
          '',
          '2 weeks',
          'abc',
          '-1d',
          'd2',
          '1.5.5h',
          huge(500),
        ]);
        break;
      case 'variables':
        Object.assign(
          body,
          pick([
            { kind: 'nope' },
            { kind: 42 },
            { kind: undefined },
            { kind: 'value', value: 42 },
            { kind: 'value', value: { toString: 1 } },
            { kind: 'alias' },
            { kind: 'alias', aliasOf: 'lower case' },
            { kind: 'builtin', value: 'x' },
            { kind: 'secret', value: [] },
          ]),
        );
        break;
      case 'services':
        Object.assign(
          body,
          pick([
            { template: 42 },
            { template: undefined },
            { name: 'Bad Name' },
            { name: 'x'.repeat(64) },
            { parameters: 'x' },
            { template: 'not a ref' },
          ]),
        );
        break;
      case 'upgrade':
        body.dryRun = pick(['yes', 1, {}, [], { toString: 1 }]);
        break;
      case 'activity':
        body.kind = pick([42, {}, [], { toString: 1 }, huge(20_000)]);
        break;
      default:
        body.unexpected = value();
    }
    // Spice: random extra fields.
    if (chance(0.3))
      body[pick(['extra', 'x'.repeat(200), 'ünï', '', 'constructor'])] =
        value();
    return chance(0.35) ? withPollution(body) : JSON.stringify(body);
  };

  /** One bad request for an operation. */
  function generate({ path: p, method, op }) {
    const params = op.parameters ?? [];
    const pathParams = params.filter(x => x.in === 'path').map(x => x.name);
    const hasIfMatch = params.some(
      x => x.in === 'header' && x.name.toLowerCase() === 'if-match',
    );
    const hasBody = Boolean(op.requestBody);
    const mutating = method !== 'GET';
    const defects = [];
    if (pathParams.length) defects.push('path');
    if (hasIfMatch) defects.push('if-match');
    if (hasBody) defects.push('body');
    if (!mutating) defects.push('query');
    if (!defects.length) defects.push('query'); // e.g. a POST without parameters: not in this API
    const defect = pick(defects);
    const badParam = defect === 'path' ? pick(pathParams) : undefined;
    let url = p.replace(/\{(\w+)\}/g, (_, name) =>
      segment(name, name === badParam),
    );
    const query = defect === 'query' || chance(0.2) ? badQueryPairs() : '';
    if (query) url += `?${query}`;
    const headers = { authorization: `Bearer ${api.token}` };
    if (defect === 'if-match') {
      headers['if-match'] = pick([
        'abc',
        '-1',
        '1.5',
        'W/"x"',
        '"',
        '',
        ' ',
        '0x1',
        '1e3x',
        'NaN',
        '9'.repeat(400),
        '999999',
        '123456789',
        'W/"999999"',
        '"2147483648"',
      ]);
    }
    if (chance(0.25))
      headers['idempotency-key'] = pick([
        '',
        ' ',
        'x'.repeat(256),
        'x'.repeat(10_000),
        '__proto__',
        'constructor',
        encodeURIComponent(pick(strings)),
      ]);
    if (chance(0.05)) headers['x-forwarded-for'] = pick(['1.1.1.1, evil', '']);
    let body;
    if (hasBody || chance(0.1)) {
      body =
        defect === 'body' || hasBody
          ? badBody(p, method)
          : pick(['{', '[]', '{"a":1}']);
      headers['content-type'] = chance(0.9)
        ? 'application/json'
        : pick([
            'text/plain',
            'application/xml',
            'application/json; charset=utf-16',
            'multipart/form-data; boundary=x',
          ]);
      if (chance(0.02)) body = `{"pad":"${'x'.repeat(1_500_000)}"}`; // above the body limit
    }
    // Bodies must be bad on their own only where the body is the defect; when
    // the path, If-Match or query carries it, any body may ride along.
    return { method, path: url, headers, body, defect };
  }

  // Quiet state, then the snapshot.
  await waitQuiet();
  const before = await snapshot(db);

  const perOp = Math.ceil(total / operations.length);
  const jobs = [];
  for (const o of operations)
    for (let i = 0; i < perOp && jobs.length < total; i++) jobs.push(o);
  // interleave operations
  jobs.sort(() => random() - 0.5);

  const statusCount = {};
  const serverErrors = [];
  const accepted = [];
  let notSent = 0;
  let networkErrors = 0;
  let droppedOversized = 0;
  const networkErrorSamples = [];
  let sent = 0;
  const byDefect = {};
  let index = 0;
  async function worker() {
    while (index < jobs.length) {
      const job = jobs[index++];
      let req = generate(job);
      let res;
      for (let attempt = 0; ; attempt++) {
        try {
          res = await api.raw(req);
          break;
        } catch (error) {
          if (
            error.notSent ||
            /Invalid character|invalid header|unescaped/i.test(error.message)
          ) {
            notSent++;
            req = generate(job); // Node itself refuses to send it: make another
            if (attempt < 20) continue;
          }
          // Node's HTTP server drops the connection for oversized headers or bodies.
          const oversized =
            req.path.length + JSON.stringify(req.headers).length > 8000 ||
            (req.body ?? '').length > 1_000_000;
          if (oversized) droppedOversized++;
          else {
            networkErrors++;
            networkErrorSamples.push(
              `${error.message}: ${req.method} ${req.path.slice(0, 120)}`,
            );
          }
          res = undefined;
          break;
        }
      }
      if (!res) continue;
      sent++;
      byDefect[req.defect] = (byDefect[req.defect] ?? 0) + 1;
      statusCount[res.status] = (statusCount[res.status] ?? 0) + 1;
      const line = `${req.method} ${req.path.slice(0, 160)} [${
        req.defect
      }] if-match=${JSON.stringify(req.headers['if-match'])} body=${(
        req.body ?? ''
      ).slice(0, 160)}`;
      if (res.status >= 500)
        serverErrors.push(
          `${res.status} ${line} -> ${(
            res.json?.error?.message ?? res.text
          ).slice(0, 200)}`,
        );
      else if (
        req.method !== 'GET' &&
        res.status < 300 &&
        !req.path.includes('/activity')
      )
        accepted.push(`${res.status} ${line}`);
      if (sent % 2000 === 0) log(`  fuzz: ${sent} sent`);
    }
  }
  const t0 = Date.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (Date.now() - t0) / 1000;
  await waitQuiet();
  const after = await snapshot(db);

  result.figure(
    'requests sent / per second',
    `${sent} / ${(sent / seconds).toFixed(0)}`,
  );
  result.figure('requests Node refused to send (regenerated)', notSent);
  result.figure(
    'defect carried (path / if-match / body / query)',
    ['path', 'if-match', 'body', 'query']
      .map(d => byDefect[d] ?? 0)
      .join(' / '),
  );
  result.figure(
    'answers by status',
    Object.entries(statusCount)
      .sort()
      .map(([k, v]) => `${k}: ${v}`)
      .join(', '),
  );
  result.figure('5xx answers', serverErrors.length);
  result.figure(
    'oversized requests (URL + headers > 8 KB, body > 1 MB) whose connection the server dropped',
    droppedOversized,
  );
  result.figure('other network errors', networkErrors);
  result.figure('mutations answered 2xx (bad input accepted)', accepted.length);
  result.expect(
    sent + droppedOversized >= total * 0.99,
    `only ${sent} of ${total} requests were sent`,
  );
  result.expect(
    serverErrors.length === 0,
    `${serverErrors.length} answers were 5xx, e.g.:\n    ${serverErrors
      .slice(0, 5)
      .join('\n    ')}`,
  );
  result.expect(
    networkErrors === 0,
    `${networkErrors} requests lost their connection: ${networkErrorSamples
      .slice(0, 3)
      .join(' | ')}`,
  );
  result.expect(
    accepted.length === 0,
    `bad input accepted: ${accepted.slice(0, 5).join(' | ')}`,
  );

  const changed = Object.keys(before.tables).filter(
    t => before.tables[t] !== after.tables[t],
  );
  const added = Object.keys(after.tables).filter(t => !(t in before.tables));
  result.figure(
    'tables hashed (rows)',
    `${Object.keys(before.tables).length} (${before.rows})`,
  );
  result.figure(
    'tables changed by the fuzzing',
    changed.length + added.length ? [...changed, ...added].join(', ') : 'none',
  );
  result.expect(
    changed.length + added.length === 0,
    `state changed in ${[...changed, ...added].join(', ')}`,
  );

  // Control: a real change must move the hash, or the comparison proves nothing.
  const control = await api.call(
    'PUT',
    '/api/environments/environments/staging/variables/FUZZ_CONTROL',
    { body: { kind: 'value', value: 'x' } },
  );
  const afterControl = await snapshot(db);
  const controlMoved =
    afterControl.tables.environment_variables !==
    after.tables.environment_variables;
  result.figure(
    'control: one valid PUT moves the hash',
    `${control.status}, ${controlMoved}`,
  );
  result.expect(
    control.status === 200 && controlMoved,
    'a valid change did not change the hash: the comparison proves nothing',
  );
  await api.call(
    'DELETE',
    '/api/environments/environments/staging/variables/FUZZ_CONTROL',
  );

  result.note(
    `State hash: every table of the environments plugin's database, every column, except: ${Object.entries(
      EXCLUDED.tables,
    )
      .map(([t, why]) => `table ${t} (${why})`)
      .join('; ')}; column environments.last_activity_at (${
      EXCLUDED.columns.environments.last_activity_at
    }).`,
  );
  return result.finish();
}

/** sha256 per table of the environments database, minus the exclusions. */
export async function snapshot(db) {
  const { rows: tables } = await db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const out = { tables: {}, rows: 0 };
  for (const { table_name: t } of tables) {
    if (t in EXCLUDED.tables) continue;
    const { rows } = await db.query(`SELECT * FROM "${t}"`);
    const skip = EXCLUDED.columns[t] ?? {};
    const lines = rows
      .map(r =>
        JSON.stringify(
          Object.keys(r)
            .sort()
            .filter(k => !(k in skip))
            .map(k => [k, r[k]]),
        ),
      )
      .sort();
    out.rows += rows.length;
    out.tables[t] = createHash('sha256').update(lines.join('\n')).digest('hex');
  }
  return out;
}
