import opened from '../__fixtures__/pull_request.opened.json';
import closed from '../__fixtures__/pull_request.closed.json';
import commentCreated from '../__fixtures__/issue_comment.created.json';
import {
  pullRequestCommentEvent,
  pullRequestEvent,
} from '../__testUtils__/webhookExamples';
import {
  readGithubEvent,
  readPullRequestCommentEvent,
  readPullRequestEvent,
} from './webhooks';

describe('readPullRequestEvent', () => {
  it('reads an opened pull request', () => {
    expect(readPullRequestEvent(opened)).toEqual({
      kind: 'changeRequest',
      action: 'opened',
      repository: 'example/storefront',
      repositoryUrl: 'https://github.com/example/storefront',
      number: 42,
      branch: 'feature/gift-cards',
      headSha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
      url: 'https://github.com/example/storefront/pull/42',
      title: 'Add gift cards to checkout',
      state: 'open',
      author: { id: 'alice', name: 'alice' },
      fromFork: false,
    });
  });

  it("reads GitHub's own example, and tells forks from branches of the repository", () => {
    const at = { repository: 'example/storefront', number: 7 };
    expect(readPullRequestEvent(pullRequestEvent('opened', at))).toEqual({
      kind: 'changeRequest',
      action: 'opened',
      repository: 'example/storefront',
      repositoryUrl: 'https://github.com/example/storefront',
      number: 7,
      branch: 'changes',
      headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      url: 'https://github.com/example/storefront/pull/7',
      title: 'Update the README with new information.',
      state: 'open',
      author: { id: 'Codertocat', name: 'Codertocat' },
      fromFork: false,
    });
    const fork = pullRequestEvent('opened', {
      ...at,
      headRepository: 'mallory/storefront',
    });
    expect(readPullRequestEvent(fork)?.fromFork).toBe(true);
    // a deleted fork has no head repository
    const deleted = pullRequestEvent('synchronize', {
      ...at,
      headRepository: null,
    });
    expect(readPullRequestEvent(deleted)).toMatchObject({
      action: 'pushed',
      fromFork: true,
    });
    // GitHub names are case-insensitive
    const sameRepo = pullRequestEvent('reopened', {
      ...at,
      headRepository: 'Example/StoreFront',
    });
    expect(readPullRequestEvent(sameRepo)?.fromFork).toBe(false);
  });

  it('tells merged from closed', () => {
    expect(readPullRequestEvent(closed)).toMatchObject({
      action: 'closed',
      state: 'merged',
    });
    const at = { repository: 'example/storefront', number: 7 };
    expect(readPullRequestEvent(pullRequestEvent('closed', at))).toMatchObject({
      action: 'closed',
      state: 'closed',
    });
  });

  it('ignores other actions and other payloads', () => {
    expect(
      readPullRequestEvent({ ...opened, action: 'labeled' }),
    ).toBeUndefined();
    expect(readPullRequestEvent(commentCreated)).toBeUndefined();
    expect(readPullRequestEvent(null)).toBeUndefined();
  });
});

describe('readPullRequestCommentEvent', () => {
  it('reads a comment on a pull request', () => {
    expect(readPullRequestCommentEvent(commentCreated)).toEqual({
      kind: 'comment',
      repository: 'example/storefront',
      repositoryUrl: 'https://github.com/example/storefront',
      number: 42,
      commentId: 5001,
      body: commentCreated.comment.body,
      author: { id: 'alice', name: 'alice' },
      authorIsBot: false,
    });
  });

  it("reads GitHub's own example moved to a pull request", () => {
    const payload = pullRequestCommentEvent({
      repository: 'example/storefront',
      number: 7,
      author: 'alice',
      body: '/preview',
      commentId: 11,
    });
    expect(readPullRequestCommentEvent(payload)).toEqual({
      kind: 'comment',
      repository: 'example/storefront',
      repositoryUrl: 'https://github.com/example/storefront',
      number: 7,
      commentId: 11,
      body: '/preview',
      author: { id: 'alice', name: 'alice' },
      authorIsBot: false,
    });
  });

  it('ignores edits and comments on plain issues', () => {
    expect(
      readPullRequestCommentEvent({ ...commentCreated, action: 'edited' }),
    ).toBeUndefined();
    const { pull_request: _, ...issue } = commentCreated.issue;
    expect(
      readPullRequestCommentEvent({ ...commentCreated, issue }),
    ).toBeUndefined();
  });
});

describe('readGithubEvent', () => {
  it('reads the event of its topic, with the delivery id of its headers', () => {
    expect(
      readGithubEvent({
        topic: 'github.pull_request',
        eventPayload: opened,
        metadata: { 'X-GitHub-Delivery': ['abc'] },
      }),
    ).toMatchObject({ kind: 'changeRequest', deliveryId: 'abc' });
    const comment = readGithubEvent({
      topic: 'github.issue_comment',
      eventPayload: commentCreated,
      metadata: {},
    });
    expect(comment).toMatchObject({ kind: 'comment', commentId: 5001 });
    expect(comment).not.toHaveProperty('deliveryId');
    expect(
      readGithubEvent({ topic: 'github.issue_comment', eventPayload: opened }),
    ).toBeUndefined();
  });
});
