import {
  mergeRequestEvent,
  mergeRequestNoteEvent,
} from '../__testUtils__/webhookExamples';
import {
  readGitlabEvent,
  readMergeRequestEvent,
  readMergeRequestNoteEvent,
} from './webhooks';

const SHA = 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7';

describe('readMergeRequestEvent', () => {
  const at = { project: 'example/storefront', iid: 7 };

  it("reads GitLab's own example, moved to a project", () => {
    expect(
      readMergeRequestEvent(mergeRequestEvent({ ...at, action: 'open' })),
    ).toEqual({
      kind: 'changeRequest',
      action: 'opened',
      repository: 'example/storefront',
      repositoryUrl: 'http://example.com/example/storefront',
      number: 7,
      branch: 'ms-viewport',
      headSha: SHA,
      url: 'http://example.com/example/storefront/-/merge_requests/7',
      title: 'MS-Viewport',
      // The example's user (root, 1) is not its author (51).
      author: { id: '51' },
      fromFork: false,
      state: 'open',
    });
  });

  it('names the author when the author acted, and tells forks', () => {
    const own = mergeRequestEvent({
      ...at,
      action: 'reopen',
      authorId: 1,
    });
    expect(readMergeRequestEvent(own)).toMatchObject({
      action: 'reopened',
      author: { id: '1', name: 'root' },
      fromFork: false,
    });
    const fork = mergeRequestEvent({ ...at, action: 'open', fromFork: true });
    expect(readMergeRequestEvent(fork)?.fromFork).toBe(true);
  });

  it('reads a push (an update with oldrev), a merge and a close', () => {
    expect(
      readMergeRequestEvent(
        mergeRequestEvent({ ...at, action: 'update', oldrev: 'a'.repeat(40) }),
      ),
    ).toMatchObject({ action: 'pushed', state: 'open' });
    expect(
      readMergeRequestEvent(mergeRequestEvent({ ...at, action: 'merge' })),
    ).toMatchObject({ action: 'closed', state: 'merged' });
    expect(
      readMergeRequestEvent(mergeRequestEvent({ ...at, action: 'close' })),
    ).toMatchObject({ action: 'closed', state: 'closed' });
  });

  it('ignores updates without new commits, approvals and other payloads', () => {
    expect(
      readMergeRequestEvent(
        mergeRequestEvent({
          ...at,
          action: 'update',
          changes: { title: { previous: 'a', current: 'b' } },
        }),
      ),
    ).toBeUndefined();
    const approved = mergeRequestEvent({ ...at, action: 'open' });
    approved.object_attributes.action = 'approved';
    expect(readMergeRequestEvent(approved)).toBeUndefined();
    expect(
      readMergeRequestEvent(
        mergeRequestNoteEvent({
          ...at,
          noteId: 1,
          body: 'x',
          user: { id: 1, username: 'root' },
        }),
      ),
    ).toBeUndefined();
    expect(readMergeRequestEvent(null)).toBeUndefined();
  });
});

describe('readMergeRequestNoteEvent', () => {
  const note = (body = '/preview') =>
    mergeRequestNoteEvent({
      project: 'example/storefront',
      iid: 7,
      noteId: 1244,
      body,
      user: { id: 30, username: 'dev' },
    });

  it("reads GitLab's own example, moved to a merge request", () => {
    expect(readMergeRequestNoteEvent(note())).toEqual({
      kind: 'comment',
      repository: 'example/storefront',
      repositoryUrl: 'http://example.com/example/storefront',
      number: 7,
      commentId: 1244,
      body: '/preview',
      author: { id: '30', name: 'dev' },
      authorIsBot: false,
    });
  });

  it('ignores edits, system notes and notes on anything but merge requests', () => {
    const edited = note();
    edited.object_attributes.action = 'update';
    expect(readMergeRequestNoteEvent(edited)).toBeUndefined();
    const system = note();
    system.object_attributes.system = true;
    expect(readMergeRequestNoteEvent(system)).toBeUndefined();
    const onIssue = note();
    onIssue.object_attributes.noteable_type = 'Issue';
    expect(readMergeRequestNoteEvent(onIssue)).toBeUndefined();
  });
});

describe('readGitlabEvent', () => {
  it("reads the event of its topic, keyed by GitLab's Idempotency-Key", () => {
    const payload = mergeRequestEvent({
      project: 'example/storefront',
      iid: 7,
      action: 'open',
    });
    expect(
      readGitlabEvent({
        topic: 'gitlab.merge_request',
        eventPayload: payload,
        metadata: { 'idempotency-key': 'k1', 'x-gitlab-event-uuid': 'u1' },
      }),
    ).toMatchObject({ kind: 'changeRequest', deliveryId: 'k1' });
    expect(
      readGitlabEvent({
        topic: 'gitlab.merge_request',
        eventPayload: payload,
        metadata: { 'x-gitlab-event-uuid': 'u1' },
      }),
    ).toMatchObject({ deliveryId: 'u1' });
    expect(
      readGitlabEvent({ topic: 'gitlab.note', eventPayload: payload }),
    ).toBeUndefined();
  });
});
