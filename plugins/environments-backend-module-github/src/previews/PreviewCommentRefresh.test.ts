import type {
  ApiEnvironment,
  ApiService,
} from '@greenroom/plugin-environments-common';
import { makeEnvironment } from '@greenroom/plugin-environments-node/testUtils';
import { BOT } from '../__testUtils__/actingAs';
import {
  baseEnvironment,
  previewComponent,
  previewHarness,
} from '../__testUtils__/previewHarness';
import { pullRequestEvent } from '../__testUtils__/webhookExamples';

const REPO = 'example/storefront';
const NAME = 'pr-example-storefront-42';
const SHA = '1111111111111111111111111111111111111111';
const URL = 'https://storefront-pr-example-storefront-42.preview.example.com';
const OBSERVED_AT = '2025-11-20T09:14:00.000Z';

type Harness = Awaited<ReturnType<typeof previewHarness>>;

describe('PreviewCommentRefresh', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await previewHarness({
      entities: [previewComponent('storefront', REPO)],
    });
    h.grant(REPO, 'alice', 'write');
  });
  afterEach(() => h.stop());

  /** The pull request opened: the preview is queued and the comment written. */
  async function open() {
    await h.deliver(
      'pull_request',
      pullRequestEvent('opened', {
        repository: REPO,
        number: 42,
        author: 'alice',
        headSha: SHA,
      }),
      'd-open',
    );
  }

  /** The runtime's view of the preview, as the environments API then answers it. */
  function observe(
    name: string,
    status: ApiEnvironment['status'],
    observed: ApiService['observed'],
  ) {
    const env = h.environments.environments.get(name)!;
    h.environments.environments.set(name, {
      ...env,
      status,
      services: env.services.map(s => ({ ...s, observed })),
    });
  }

  const comment = () => h.previewComment(REPO, 42) ?? '';
  const githubWrites = () => h.github.writes().length;

  it('shows the URL and status once the preview runs, once', async () => {
    await open();
    expect(comment()).toContain('**provisioning**');
    expect(comment()).toContain(
      '| `storefront` | application | not observed yet | – |',
    );
    expect(githubWrites()).toBe(1);

    observe(NAME, 'running', {
      phase: 'running',
      replicas: { ready: 1, desired: 1 },
      publicUrls: [URL],
      internalUrls: ['http://storefront:8080'],
      lastTransitionAt: OBSERVED_AT,
      observedAt: OBSERVED_AT,
    });
    await h.announce(NAME);

    expect(githubWrites()).toBe(2);
    expect(h.github.writes()[1].method).toBe('PATCH');
    expect(comment()).toContain('**running**');
    expect(comment()).toContain(
      `| \`storefront\` | application | running (1/1 ready) | [${URL}](${URL}/) |`,
    );
    expect(comment()).not.toContain('service URLs are on this page');
    expect(comment()).not.toContain('storefront:8080');
    // What the event said stays.
    expect(comment()).toContain(
      'Last change: cloned from `staging` (pull request opened): deploys storefront, shares the rest.',
    );
    expect(comment()).toContain('`1111111`');

    // The same environment again: nothing to write.
    await h.announce(NAME);
    expect(githubWrites()).toBe(2);
    expect(h.environments.calls.map(c => c.principal)).toEqual(
      h.environments.calls.map(() => ({ type: 'user', userEntityRef: BOT })),
    );
  });

  it("shows a failed service's problem", async () => {
    await open();
    observe(NAME, 'failed', {
      phase: 'failed',
      replicas: { ready: 0, desired: 1 },
      publicUrls: [],
      internalUrls: [],
      problem: 'image ghcr.io/example/storefront:1111111 not found',
      lastTransitionAt: OBSERVED_AT,
      observedAt: OBSERVED_AT,
    });
    await h.announce(NAME);
    expect(comment()).toContain('**failed**');
    expect(comment()).toContain(
      '| `storefront` | application | failed (0/1 ready): `image ghcr.io/example/storefront:1111111 not found` | – |',
    );
  });

  it('writes once when changes are announced together', async () => {
    await open();
    observe(NAME, 'running', {
      phase: 'running',
      publicUrls: [URL],
      internalUrls: [],
      lastTransitionAt: OBSERVED_AT,
      observedAt: OBSERVED_AT,
    });
    await Promise.all([h.announce(NAME), h.announce(NAME)]);
    expect(githubWrites()).toBe(2);
  });

  it('never writes a comment a pull request does not have', async () => {
    await open();
    h.github.comments.clear();
    observe(NAME, 'running', undefined);
    await h.announce(NAME);
    expect(h.github.writes()).toHaveLength(1);
    expect(h.github.commentsOf(REPO, 42)).toEqual([]);
  });

  it('leaves the comment of a closed pull request as it is', async () => {
    await open();
    await h.deliver(
      'pull_request',
      pullRequestEvent('closed', { repository: REPO, number: 42 }),
      'd-close',
    );
    const closed = comment();
    expect(closed).toContain('**destroyed**');
    const writes = githubWrites();
    await h.announce(NAME);
    await h.announce(NAME, 'deleted');
    expect(githubWrites()).toBe(writes);
    expect(comment()).toBe(closed);
  });

  it('does nothing for environments that are not previews of this module', async () => {
    await open();
    const pullRequest = {
      provider: 'github',
      repository: REPO,
      number: 42,
      branch: 'feature',
      headSha: SHA,
      url: `https://github.com/${REPO}/pull/42`,
    };
    const requests = h.github.requests.length;
    const reads = h.environments.calls.length;
    // Not a preview name: not even read.
    await h.announce('staging');
    expect(h.environments.calls).toHaveLength(reads);

    for (const env of [
      // The name of a preview, but made by hand.
      baseEnvironment(NAME),
      // Another provider's pull request of the same number.
      makeEnvironment({
        ...baseEnvironment(NAME),
        mode: 'preview',
        origin: {
          type: 'preview',
          pullRequest: { ...pullRequest, provider: 'gitlab' },
        },
      }),
      // This pull request's, under another name.
      makeEnvironment({
        ...baseEnvironment('pr-shop-42'),
        mode: 'preview',
        origin: { type: 'preview', pullRequest },
      }),
    ]) {
      h.environments.environments.set(env.name, env);
      await h.announce(env.name);
    }
    expect(h.github.requests).toHaveLength(requests);
  });
});
