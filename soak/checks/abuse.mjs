// Check 6 (abuse): one scenario per rule of the trust boundaries (README "Security model")
// against the real demo backend, as an outsider would try it: GitHub webhooks signed with the
// events module's secret and GitHub's own payload examples (@octokit/webhooks-examples), a
// GitHub API double on 127.0.0.1, the guest user (an ordinary member of team-shop) under the
// demo's example permission policy, the previews bot acting through the greenroom-bot auth
// provider. Each scenario fails on the code from before these rules.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import {
  Backend,
  CheckResult,
  apiClient,
  log,
  rawRequest,
  require,
  sleep,
  waitFor,
} from '../lib.mjs';

const API = '/api/environments';
const REPO = 'example/storefront';
const BOT = 'user:default/preview-bot';
const DEV_KEY = 'greenroom-development-only-key-do-not-use-in-production';

export async function abuseCheck({ runDir, port }) {
  const result = new CheckResult('6-abuse', 'abuse: trust boundaries');
  const prefix = `soak_${process.env.GREENROOM_SOAK_RUN ?? 'x'}_abuse_`;
  const github = await startGithubDouble();
  const webhookSecret = randomBytes(16).toString('hex');
  const backend = new Backend({
    name: 'abuse',
    port,
    prefix,
    runDir,
    config: {
      permission: { demoPolicy: 'example' },
      auth: { providers: { 'greenroom-bot': {} } },
      events: { modules: { github: { webhookSecret } } },
      integrations: {
        github: [{ host: 'github.com', apiBaseUrl: github.url, token: 'x' }],
      },
      environments: {
        localRuntime: { delayMs: 200 },
        github: { actAs: BOT },
        limits: { customDomainSuffixes: ['example.com'] },
      },
    },
  });
  log('check 6: starting the backend (example policy, GitHub previews on)');
  await backend.start();
  const service = apiClient(port);
  const scenarios = [
    [
      'a fork pull request waits for a maintainer, and deploys as the bot',
      untrustedPullRequest,
    ],
    [
      'an environment with the preview name and no such origin is never touched',
      previewIdentity,
    ],
    [
      'lifetimes: absurd, zero and too long durations are 400s naming the field',
      lifetimes,
    ],
    [
      'an ordinary user cannot give an environment to another team, or create production',
      whoCreates,
    ],
    [
      'custom domains: unlisted suffixes refused, a taken host is a 409 naming its holder',
      customDomains,
    ],
    [
      'the backend refuses to start in production with the development key',
      developmentKey,
    ],
    [
      'smaller holes: reused Idempotency-Key, activity by a reader, pull request origin, cost bounds',
      smallerHoles,
    ],
  ];
  try {
    // The guest's token lists its groups only once the catalog has the guest.
    const catalogHas = ref =>
      service
        .get(`/api/catalog/entities/by-name/${ref}`)
        .then(r => (r.status === 200 ? true : undefined));
    for (const ref of [
      'user/default/guest',
      'user/default/preview-bot',
      'component/default/storefront',
    ]) {
      await waitFor(() => catalogHas(ref), {
        timeoutMs: 120_000,
        what: `the catalog to hold ${ref}`,
      });
    }
    const guest = await userClient(port);
    const ctx = { service, guest, github, webhookSecret, port, runDir, prefix };
    for (const [title, fn] of scenarios) {
      const failures = [];
      const expect = (ok, message) => {
        if (!ok) failures.push(message);
        return ok;
      };
      try {
        await fn({ ...ctx, expect });
      } catch (error) {
        failures.push(`crashed: ${error.message}`);
      }
      result.figure(title, failures.length ? 'FAIL' : 'PASS');
      for (const f of failures)
        result.expect(false, `${title.slice(0, 2)} ${f}`);
    }
    result.note(
      'Point 7 (installation identity) needs a Kubernetes API and RDS: its scenarios run against the ' +
        'Kubernetes API double and aws-sdk-client-mock in the normal tests (abuse.*.test.ts of both modules).',
    );
    const leaked = backend.logText().includes(webhookSecret);
    result.expect(!leaked, 'the webhook secret appears in the backend log');
  } finally {
    await backend.stop();
    github.close();
  }
  return result.finish();
}

// --- scenarios ------------------------------------------------------------------------

async function untrustedPullRequest({
  service,
  github,
  webhookSecret,
  port,
  expect,
}) {
  github.grant('alice', 'maintain');
  github.grant('mallory', 'read');
  const fork = pullRequestEvent('opened', {
    number: 101,
    author: 'mallory',
    headRepository: 'mallory/storefront',
    headSha: 'a'.repeat(40),
  });
  await deliver(port, webhookSecret, 'pull_request', fork);
  const waiting = await waitFor(
    () => github.commentOn(101)?.includes('/preview') || undefined,
    { timeoutMs: 60_000, what: 'the comment on the fork pull request' },
  );
  expect(waiting, 'no comment tells how to get a preview of a fork');
  expect(
    !(await previewOf(service, 101)),
    'a fork pull request got a preview without a maintainer',
  );

  github.pulls.set(101, structuredClone(fork.pull_request));
  await deliver(
    port,
    webhookSecret,
    'issue_comment',
    commentEvent(101, 'alice', '/preview', 7001),
  );
  const env = await waitFor(() => previewOf(service, 101), {
    timeoutMs: 90_000,
    what: "the preview after a maintainer's /preview",
  });
  expect(
    env.origin.pullRequest?.headSha === 'a'.repeat(40),
    `the preview is not pinned to the approved commit (${env.origin.pullRequest?.headSha})`,
  );
  expect(
    env.createdBy === BOT,
    `the preview was created by ${env.createdBy}, not ${BOT}`,
  );

  // The fork pushes again: nothing redeploys until a maintainer approves the new commit.
  const push = pullRequestEvent('synchronize', {
    number: 101,
    author: 'mallory',
    headRepository: 'mallory/storefront',
    headSha: 'b'.repeat(40),
  });
  await deliver(port, webhookSecret, 'pull_request', push);
  await waitFor(
    () => (github.commentOn(101)?.includes('b'.repeat(7)) ? true : undefined),
    { timeoutMs: 60_000, what: 'the comment about the unapproved push' },
  ).catch(() =>
    expect(false, 'the PR comment says nothing about the unapproved push'),
  );
  const after = await previewOf(service, 101);
  const runs = JSON.stringify(after?.services ?? []);
  expect(
    !runs.includes('b'.repeat(40)),
    'an unapproved fork commit was deployed',
  );
}

async function previewIdentity({
  service,
  github,
  webhookSecret,
  port,
  expect,
}) {
  github.grant('alice', 'maintain');
  const name = 'pr-example-storefront-102';
  const created = await service.post(`${API}/environments`, {
    name,
    system: 'shop',
    owner: 'team-shop',
    mode: 'development',
    ttl: '2d',
    services: [],
  });
  expect(
    created.status === 202,
    `could not create ${name}: ${created.status} ${created.text}`,
  );
  const before = (await service.get(`${API}/environments/${name}`)).json;
  const opened = pullRequestEvent('opened', { number: 102, author: 'alice' });
  await deliver(port, webhookSecret, 'pull_request', opened);
  const comment = await waitFor(() => github.commentOn(102), {
    timeoutMs: 60_000,
    what: 'the comment on pull request 102',
  });
  expect(
    comment.includes("is not this pull request's preview"),
    `the PR comment does not say why nothing happened: ${comment.slice(
      0,
      200,
    )}`,
  );
  await sleep(3000);
  const after = (await service.get(`${API}/environments/${name}`)).json;
  expect(
    after.revision === before.revision && !after.origin.pullRequest,
    'the environment that only shares the name was changed',
  );
  const ops = (await service.get(`${API}/environments/${name}/operations`))
    .json;
  expect(
    ops.items.length === 1,
    `it has ${ops.items.length} operations, expected only its create`,
  );
}

async function lifetimes({ service, guest, expect }) {
  const tooLong = await guest.post(`${API}/environments`, {
    ...devInput('abuse-ttl'),
    mode: 'preview',
    ttl: '30d',
  });
  expect(
    tooLong.status === 400 && /ttl/.test(tooLong.text),
    `a preview for 30 days: ${tooLong.status} ${tooLong.text}`,
  );
  const ok = await guest.post(`${API}/environments`, devInput('abuse-life'));
  expect(ok.status === 202, `create abuse-life: ${ok.status} ${ok.text}`);
  for (const by of ['14290000w', '0d', '-1d']) {
    const res = await guest.post(`${API}/environments/abuse-life/extend`, {
      by,
    });
    expect(
      res.status === 400 && /\bby\b/.test(res.text),
      `extend by ${by}: ${res.status} ${res.text}`,
    );
  }
  const life = (await guest.get(`${API}/environments/abuse-life`)).json;
  expect(
    Boolean(life.expiresAt),
    'a development environment was created without an expiry',
  );

  // A production environment has no expiry: extending must not give it one.
  const prod = await service.post(`${API}/environments`, {
    ...devInput('abuse-noexpiry'),
    mode: 'production',
    ttl: undefined,
  });
  expect(
    prod.status === 202,
    `create abuse-noexpiry: ${prod.status} ${prod.text}`,
  );
  const extended = await guest.post(
    `${API}/environments/abuse-noexpiry/extend`,
    { by: '1d' },
  );
  const after = (await service.get(`${API}/environments/abuse-noexpiry`)).json;
  expect(
    extended.status >= 400 && extended.status < 500 && !after.expiresAt,
    `extending an environment without expiry: ${extended.status}, expiresAt ${after.expiresAt}`,
  );
}

async function whoCreates({ guest, expect }) {
  const foreign = await guest.post(`${API}/environments`, {
    ...devInput('abuse-foreign'),
    owner: 'group:default/platform',
  });
  expect(
    foreign.status === 403 && /owner/.test(foreign.text),
    `an environment for another team: ${foreign.status} ${foreign.text}`,
  );
  const production = await guest.post(`${API}/environments`, {
    ...devInput('abuse-prod'),
    mode: 'production',
  });
  expect(
    production.status === 403,
    `a production environment by an ordinary user: ${production.status} ${production.text}`,
  );
  const mine = await guest.post(`${API}/environments`, devInput('abuse-mine'));
  expect(mine.status === 202, `create abuse-mine: ${mine.status} ${mine.text}`);
  const giveAway = await guest.call('PATCH', `${API}/environments/abuse-mine`, {
    body: { owner: 'group:default/platform' },
  });
  expect(
    giveAway.status === 403,
    `handing an environment to another team: ${giveAway.status} ${giveAway.text}`,
  );
  for (const name of ['abuse-foreign', 'abuse-prod']) {
    const res = await guest.get(`${API}/environments/${name}`);
    expect(res.status === 404, `${name} exists after a refused create`);
  }
}

async function customDomains({ guest, expect }) {
  const withDomain = (name, host) => ({
    ...devInput(name),
    services: [
      {
        name: 'web',
        kind: 'application',
        image: { repository: 'nginx', tag: '1.27' },
        ports: [{ port: 80, public: true }],
        customDomains: [host],
      },
    ],
  });
  const outside = await guest.post(
    `${API}/environments`,
    withDomain('abuse-dom1', 'shop.evil.org'),
  );
  expect(
    outside.status === 400 && /customDomains/.test(outside.text),
    `a domain outside the allowed suffixes: ${outside.status} ${outside.text}`,
  );
  const first = await guest.post(
    `${API}/environments`,
    withDomain('abuse-dom2', 'abuse.example.com'),
  );
  expect(
    first.status === 202,
    `the first holder of abuse.example.com: ${first.status} ${first.text}`,
  );
  const second = await guest.post(
    `${API}/environments`,
    withDomain('abuse-dom3', 'abuse.example.com'),
  );
  expect(
    second.status === 409 && second.text.includes('abuse-dom2'),
    `a host another environment holds: ${second.status} ${second.text}`,
  );
}

async function developmentKey({ runDir, prefix, port, expect }) {
  const probe = new Backend({
    name: 'abuse-devkey',
    port: port + 1,
    prefix: `${prefix}devkey_`,
    runDir,
    config: { environments: { secretsKey: DEV_KEY } },
    env: { NODE_ENV: 'production' },
  });
  // It must refuse during startup: wait for its error, or for it to serve.
  const refused = waitFor(
    () => probe.logText().includes('environments.secretsKey') || undefined,
    { timeoutMs: 180_000, intervalMs: 1000, what: 'the refusal' },
  ).then(
    () => 'refused',
    () => 'timeout',
  );
  const served = probe.start({ timeoutMs: 180_000 }).then(
    () => 'served',
    () => 'exited',
  );
  const outcome = await Promise.race([refused, served]);
  await probe.kill9();
  expect(
    outcome !== 'served',
    'the backend served requests with the development key in production',
  );
  expect(
    probe.logText().includes('environments.secretsKey'),
    'the startup error does not name environments.secretsKey',
  );
}

async function smallerHoles({ service, guest, expect }) {
  // A reused Idempotency-Key for another body is refused, not answered with another request's result.
  const key = `abuse-${randomBytes(4).toString('hex')}`;
  const first = await guest.post(
    `${API}/environments`,
    devInput('abuse-idem1'),
    {
      headers: { 'idempotency-key': key },
    },
  );
  const second = await guest.post(
    `${API}/environments`,
    devInput('abuse-idem2'),
    {
      headers: { 'idempotency-key': key },
    },
  );
  expect(
    first.status === 202,
    `create abuse-idem1: ${first.status} ${first.text}`,
  );
  expect(
    second.status === 422,
    `a reused Idempotency-Key for another body: ${second.status}`,
  );

  // The guest can read platform's environments but not keep them alive.
  const platform = await service.post(`${API}/environments`, {
    ...devInput('abuse-platform'),
    owner: 'group:default/platform',
  });
  expect(
    platform.status === 202,
    `create abuse-platform: ${platform.status} ${platform.text}`,
  );
  const readable = await guest.get(`${API}/environments/abuse-platform`);
  const activity = await guest.post(
    `${API}/environments/abuse-platform/activity`,
    {},
  );
  expect(
    readable.status === 200,
    `the guest cannot read abuse-platform: ${readable.status}`,
  );
  expect(activity.status === 403, `activity by a reader: ${activity.status}`);

  // Only the bot (environments.admin) links an environment to a pull request.
  const linked = await guest.post(`${API}/environments/abuse-idem1/clone`, {
    name: 'abuse-pr',
    mode: 'preview',
    pullRequest: {
      provider: 'github',
      repository: REPO,
      number: 103,
      branch: 'x',
      headSha: 'c'.repeat(40),
      url: `https://github.com/${REPO}/pull/103`,
    },
  });
  expect(
    linked.status === 403 && /pullRequest/.test(linked.text),
    `a clone claiming a pull request: ${linked.status} ${linked.text}`,
  );

  // Cost-driving inputs are bounded.
  const huge = await guest.post(`${API}/environments`, {
    ...devInput('abuse-huge'),
    services: [
      {
        name: 'web',
        kind: 'application',
        image: { repository: 'nginx', tag: '1.27' },
        replicas: 1000,
      },
    ],
  });
  expect(
    huge.status === 400 && /replicas/.test(huge.text),
    `1000 replicas: ${huge.status} ${huge.text}`,
  );
}

// --- helpers ----------------------------------------------------------------------------

function devInput(name) {
  return {
    name,
    system: 'shop',
    owner: 'group:default/team-shop',
    mode: 'development',
    ttl: '2d',
    services: [],
  };
}

/** The guest user's API client (a member of team-shop in examples/org.yaml). */
async function userClient(port) {
  const res = await rawRequest({
    port,
    method: 'GET',
    path: '/api/auth/guest/refresh',
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  const token = res.json?.backstageIdentity?.token;
  if (!token) throw new Error(`no guest token: ${res.status} ${res.text}`);
  const client = apiClient(port);
  const call = (method, p, { body, headers = {} } = {}) =>
    client.call(method, p, {
      body,
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
  return {
    call,
    get: (p, o) => call('GET', p, o),
    post: (p, body, o = {}) => call('POST', p, { ...o, body }),
  };
}

async function previewOf(service, number) {
  const res = await service.get(`${API}/environments?mode=preview&limit=1000`);
  return res.json?.items?.find(
    e =>
      e.origin?.pullRequest?.repository === REPO &&
      e.origin.pullRequest.number === number,
  );
}

/** POSTs a webhook to the events backend as GitHub does, signed with the secret. */
async function deliver(port, secret, event, payload) {
  const body = JSON.stringify(payload);
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  const res = await rawRequest({
    port,
    method: 'POST',
    path: '/api/events/http/github',
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': randomBytes(8).toString('hex'),
      'x-hub-signature-256': `sha256=${signature}`,
    },
    body,
  });
  if (res.status >= 300) {
    throw new Error(`webhook ${event} answered ${res.status} ${res.text}`);
  }
}

function example(event, action) {
  const examples = require('@octokit/webhooks-examples');
  const payload = examples
    .find(d => d.name === event)
    ?.examples.find(e => e.action === action);
  if (!payload) throw new Error(`no ${event}.${action} example`);
  return structuredClone(payload);
}

function moveRepository(repo, fullName) {
  const [owner, name] = fullName.split('/');
  return {
    ...repo,
    name,
    full_name: fullName,
    html_url: `https://github.com/${fullName}`,
    url: `https://api.github.com/repos/${fullName}`,
    owner: { ...repo.owner, login: owner },
  };
}

/** GitHub's own example of the action, moved to example/storefront#number. */
function pullRequestEvent(
  action,
  { number, author, headRepository = REPO, headSha },
) {
  const payload = example('pull_request', action);
  const pr = payload.pull_request;
  payload.repository = moveRepository(payload.repository, REPO);
  payload.number = number;
  pr.number = number;
  pr.state = 'open';
  pr.html_url = `https://github.com/${REPO}/pull/${number}`;
  pr.user = { ...pr.user, login: author };
  pr.base.repo = moveRepository(pr.base.repo, REPO);
  pr.head.repo = moveRepository(pr.head.repo, headRepository);
  if (headSha) pr.head.sha = headSha;
  return payload;
}

function commentEvent(number, author, body, id) {
  const payload = example('issue_comment', 'created');
  payload.repository = moveRepository(payload.repository, REPO);
  payload.issue.number = number;
  payload.issue.pull_request = {
    url: `https://api.github.com/repos/${REPO}/pulls/${number}`,
    html_url: `https://github.com/${REPO}/pull/${number}`,
  };
  payload.comment.id = id;
  payload.comment.body = body;
  payload.comment.user = {
    ...payload.comment.user,
    login: author,
    type: 'User',
  };
  return payload;
}

/**
 * The GitHub REST calls previews make (collaborator permission, pull request, issue
 * comments), for example/storefront, on 127.0.0.1.
 */
async function startGithubDouble() {
  const permissions = new Map();
  const pulls = new Map();
  const comments = new Map();
  let nextId = 50_000;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', c => (raw += c));
    req.on('end', () => {
      const send = (status, body) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const path = decodeURIComponent(req.url.split('?')[0]);
      const repo = `/repos/${REPO}`;
      let m;
      if (
        (m = path.match(
          /^\/repos\/[^/]+\/[^/]+\/collaborators\/([^/]+)\/permission$/,
        ))
      ) {
        const level = permissions.get(m[1]) ?? 'none';
        return send(200, {
          permission: level === 'maintain' ? 'write' : level,
          role_name: level,
        });
      }
      if ((m = path.match(/^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/))) {
        const pr = pulls.get(Number(m[1]));
        return pr ? send(200, pr) : send(404, { message: 'Not Found' });
      }
      if (
        (m = path.match(/^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/))
      ) {
        const list = comments.get(Number(m[1])) ?? [];
        if (req.method === 'GET') return send(200, list);
        const body = JSON.parse(raw || '{}').body ?? '';
        const comment = {
          id: nextId++,
          body,
          user: { login: 'greenroom[bot]', type: 'Bot' },
        };
        comments.set(Number(m[1]), [...list, comment]);
        return send(201, comment);
      }
      if (
        (m = path.match(/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/))
      ) {
        for (const list of comments.values()) {
          const comment = list.find(c => c.id === Number(m[1]));
          if (comment) {
            comment.body = JSON.parse(raw || '{}').body ?? comment.body;
            return send(200, comment);
          }
        }
        return send(404, { message: 'Not Found' });
      }
      return send(404, {
        message: `not in the double: ${req.method} ${path} (${repo})`,
      });
    });
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    pulls,
    grant: (user, level) => permissions.set(user, level),
    /** The newest comment on a pull request, if any. */
    commentOn: number => (comments.get(number) ?? []).at(-1)?.body,
    close: () => server.close(),
  };
}
