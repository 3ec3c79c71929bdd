import opened from '../__fixtures__/pull_request.opened.json';
import closed from '../__fixtures__/pull_request.closed.json';
import commentCreated from '../__fixtures__/issue_comment.created.json';
import {
  deliveryIdOf,
  idempotencyKey,
  readPullRequestCommentEvent,
  readPullRequestEvent,
} from './webhooks';

describe('readPullRequestEvent', () => {
  it('reads an opened pull request', () => {
    expect(readPullRequestEvent(opened)).toEqual({
      action: 'opened',
      repository: 'example/storefront',
      repositoryUrl: 'https://github.com/example/storefront',
      number: 42,
      branch: 'feature/gift-cards',
      headSha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
      url: 'https://github.com/example/storefront/pull/42',
      title: 'Add gift cards to checkout',
      merged: false,
    });
  });

  it('tells merged from closed', () => {
    expect(readPullRequestEvent(closed)).toMatchObject({
      action: 'closed',
      merged: true,
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
      repository: 'example/storefront',
      repositoryUrl: 'https://github.com/example/storefront',
      number: 42,
      commentId: 5001,
      body: commentCreated.comment.body,
      author: 'alice',
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

describe('idempotency keys', () => {
  const pullRequest = {
    repository: 'example/storefront',
    repositoryUrl: 'https://github.com/example/storefront',
    number: 42,
  };

  it('reads the delivery id from the webhook headers', () => {
    expect(deliveryIdOf({ 'x-github-delivery': 'abc' })).toBe('abc');
    expect(deliveryIdOf({ 'X-GitHub-Delivery': ['abc'] })).toBe('abc');
    expect(deliveryIdOf({})).toBeUndefined();
    expect(deliveryIdOf(undefined)).toBeUndefined();
  });

  it('keys by delivery and action, or falls back to the event', () => {
    expect(
      idempotencyKey({
        deliveryId: 'abc',
        pullRequest,
        action: 'clone',
        fallback: 'sha',
      }),
    ).toBe('github:abc:clone');
    expect(
      idempotencyKey({ pullRequest, action: 'clone', fallback: 'sha' }),
    ).toBe('github:example/storefront#42:clone:sha');
  });
});
