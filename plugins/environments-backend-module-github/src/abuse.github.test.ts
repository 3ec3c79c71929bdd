/**
 * Abuse scenarios for GitHub previews, with GitHub's own webhook payloads
 * (`@octokit/webhooks-examples`): a fork's pull request must wait for a
 * maintainer, the module must act as the bot user and never with service
 * credentials, and previews must be found by their pull request, not by name.
 */
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { environmentClonePermission } from '@greenroom/plugin-environments-common';
import { BOT } from './__testUtils__/actingAs';
import {
  previewComponent,
  previewHarness,
} from './__testUtils__/previewHarness';
import {
  pullRequestCommentEvent,
  pullRequestEvent,
  pullRequestOf,
} from './__testUtils__/webhookExamples';

const REPO = 'example/storefront';

describe('abuse: GitHub previews', () => {
  it("1. a fork's pull request deploys nothing on its own, and the organisation's policy decides what the bot may clone", async () => {
    // The platform team does not let the bot clone anything yet.
    const h = await previewHarness({
      entities: [previewComponent('storefront', REPO)],
      policy: {
        async handle(request, user) {
          const denied =
            user?.info.userEntityRef === BOT &&
            isPermission(request.permission, environmentClonePermission);
          return {
            result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
          };
        },
      },
    });
    try {
      h.grant(REPO, 'alice', 'maintain');
      // An outsider opens a pull request from their fork.
      const fork = pullRequestEvent('opened', {
        repository: REPO,
        number: 42,
        author: 'mallory',
        headRepository: 'mallory/storefront',
      });
      await h.deliver('pull_request', fork, 'abuse-1-open');
      expect(h.environments.changes).toEqual([]);
      expect(h.previewComment(REPO, 42)).toContain(
        'A maintainer (write access) can comment `/preview`',
      );

      // A maintainer approves it, but the policy says no to the bot.
      h.github.pulls.set(`${REPO}#42`, pullRequestOf(fork));
      await h.deliver(
        'issue_comment',
        pullRequestCommentEvent({
          repository: REPO,
          number: 42,
          author: 'alice',
          body: '/preview',
          commentId: 9001,
        }),
        'abuse-1-approve',
      );
      expect(h.environments.changes).toEqual([]);
      expect(
        h.environments.calls.every(c => (c.principal as any).type === 'user'),
      ).toBe(true);
      expect(h.previewComment(REPO, 42)).toContain(
        'the permission policy does not allow user:default/preview-bot',
      );
    } finally {
      await h.stop();
    }
  });

  it("2. a repository of the same name under another owner can neither take nor destroy another's preview", async () => {
    const h = await previewHarness({
      entities: [
        previewComponent('storefront', REPO),
        previewComponent('storefront-mirror', 'mallory/storefront'),
      ],
    });
    try {
      h.grant(REPO, 'alice', 'write');
      h.grant('mallory/storefront', 'mallory', 'admin');
      await h.deliver(
        'pull_request',
        pullRequestEvent('opened', {
          repository: REPO,
          number: 42,
          author: 'alice',
        }),
        'abuse-2-ours',
      );
      const ours = [...h.environments.environments.values()].find(
        e => e.origin.pullRequest?.repository === REPO,
      )!;

      // mallory/storefront#42 opens and closes: its own preview, never ours.
      for (const action of ['opened', 'closed'] as const) {
        await h.deliver(
          'pull_request',
          pullRequestEvent(action, {
            repository: 'mallory/storefront',
            number: 42,
            author: 'mallory',
          }),
          `abuse-2-${action}`,
        );
      }
      expect(h.environments.environments.get(ours.name)?.desiredState).toBe(
        'running',
      );
      expect(ours.name).toBe('pr-example-storefront-42');
      const touched = new Set(h.environments.changes.slice(2).map(c => c.name));
      expect(touched).toEqual(new Set(['staging', 'pr-mallory-storefront-42']));

      // An environment that merely has the name of a preview is left alone.
      h.environments.environments.set('pr-example-storefront-43', {
        ...ours,
        id: 'env-someone-elses',
        name: 'pr-example-storefront-43',
        origin: { type: 'manual' },
      });
      await h.deliver(
        'pull_request',
        pullRequestEvent('closed', {
          repository: REPO,
          number: 43,
          author: 'alice',
        }),
        'abuse-2-close-43',
      );
      expect(
        h.environments.environments.get('pr-example-storefront-43')
          ?.desiredState,
      ).toBe('running');
    } finally {
      await h.stop();
    }
  });
});
