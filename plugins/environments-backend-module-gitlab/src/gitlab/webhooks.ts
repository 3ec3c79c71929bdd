/**
 * Reads the parts of GitLab webhook payloads (merge request and comment
 * events) that previews need. Pure: no I/O.
 */
import type { EventParams } from '@backstage/plugin-events-node';
import {
  ChangeRequest,
  ChangeRequestCommentEvent,
  ChangeRequestEvent,
  eventHeader,
  PreviewEvent,
} from '@greenroom/plugin-environments-previews-node';

/**
 * The topics `@backstage/plugin-events-backend-module-gitlab` republishes
 * webhooks on: `gitlab.<object_kind>`.
 */
export const TOPIC_MERGE_REQUEST = 'gitlab.merge_request';
export const TOPIC_NOTE = 'gitlab.note';

type Json = Record<string, any>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

/** The project a webhook is about: its path and web page. */
function projectOf(payload: Json): { path: string; url: string } | undefined {
  const project = payload.project;
  if (
    !isObject(project) ||
    typeof project.path_with_namespace !== 'string' ||
    typeof project.web_url !== 'string'
  ) {
    return undefined;
  }
  return { path: project.path_with_namespace, url: project.web_url };
}

/** The web page of a merge request. */
export function mergeRequestUrl(repositoryUrl: string, iid: number): string {
  return `${repositoryUrl}/-/merge_requests/${iid}`;
}

/**
 * The event of a GitLab webhook previews act on, or undefined. The delivery
 * id is GitLab's `Idempotency-Key` (kept across retries), else the event's
 * `X-Gitlab-Event-UUID`.
 */
export function readGitlabEvent(params: EventParams): PreviewEvent | undefined {
  const deliveryId =
    eventHeader(params.metadata, 'idempotency-key') ??
    eventHeader(params.metadata, 'x-gitlab-event-uuid');
  const event =
    params.topic === TOPIC_NOTE
      ? readMergeRequestNoteEvent(params.eventPayload)
      : readMergeRequestEvent(params.eventPayload);
  return event && { ...event, ...(deliveryId && { deliveryId }) };
}

/**
 * A merge request event: `open`, `reopen`, `merge`, `close`, and an `update`
 * that pushed commits (GitLab sends `oldrev` then); undefined for any other
 * (an update of the title, labels or reviewers, approvals, …).
 */
export function readMergeRequestEvent(
  payload: unknown,
): ChangeRequestEvent | undefined {
  if (!isObject(payload) || payload.object_kind !== 'merge_request') {
    return undefined;
  }
  const project = projectOf(payload);
  const mr = payload.object_attributes;
  if (!project || !isObject(mr)) return undefined;
  const action = actionOf(mr);
  const changeRequest = readMergeRequest(
    {
      ...mr,
      sha: isObject(mr.last_commit) ? mr.last_commit.id : undefined,
      author: {
        id: mr.author_id,
        // The event's user is who acted, the author only when they opened it.
        ...(isObject(payload.user) &&
          payload.user.id === mr.author_id && {
            username: payload.user.username,
          }),
      },
    },
    project,
  );
  return (
    action &&
    changeRequest && { kind: 'changeRequest', action, ...changeRequest }
  );
}

function actionOf(mr: Json): ChangeRequestEvent['action'] | undefined {
  switch (mr.action) {
    case 'open':
      return 'opened';
    case 'reopen':
      return 'reopened';
    case 'merge':
    case 'close':
      return 'closed';
    case 'update':
      return typeof mr.oldrev === 'string' && mr.oldrev ? 'pushed' : undefined;
    default:
      return undefined;
  }
}

/**
 * A merge request of a webhook's `object_attributes` or of
 * `GET /projects/:id/merge_requests/:iid`: a fork's when its source project
 * is not the target project. Undefined when it is not one.
 */
export function readMergeRequest(
  mr: Json,
  project: { path: string; url: string },
): ChangeRequest | undefined {
  if (typeof mr.iid !== 'number' || typeof mr.sha !== 'string') {
    return undefined;
  }
  const author = isObject(mr.author) ? mr.author : {};
  return {
    repository: project.path,
    repositoryUrl: project.url,
    number: mr.iid,
    branch: String(mr.source_branch ?? ''),
    headSha: mr.sha,
    url: mergeRequestUrl(project.url, mr.iid),
    title: String(mr.title ?? ''),
    author: {
      id: author.id === undefined ? '' : String(author.id),
      ...(typeof author.username === 'string' && { name: author.username }),
    },
    fromFork:
      mr.source_project_id === undefined ||
      mr.source_project_id === null ||
      mr.source_project_id !== mr.target_project_id,
    state: stateOf(mr.state),
  };
}

function stateOf(state: unknown): ChangeRequest['state'] {
  if (state === 'merged') return 'merged';
  return state === 'opened' ? 'open' : 'closed';
}

/**
 * A new note on a merge request, or undefined for edits and notes on
 * issues, commits and snippets. System notes (`added 1 commit`) are GitLab's
 * own and never commands.
 */
export function readMergeRequestNoteEvent(
  payload: unknown,
): ChangeRequestCommentEvent | undefined {
  if (!isObject(payload) || payload.object_kind !== 'note') return undefined;
  const project = projectOf(payload);
  const note = payload.object_attributes;
  const mr = payload.merge_request;
  if (!project || !isObject(note) || !isObject(mr)) return undefined;
  if (note.noteable_type !== 'MergeRequest' || note.system === true) {
    return undefined;
  }
  // Before GitLab 16.11 notes carry no action: they were created.
  if (note.action !== undefined && note.action !== 'create') return undefined;
  if (typeof note.id !== 'number' || typeof note.note !== 'string') {
    return undefined;
  }
  if (typeof mr.iid !== 'number') return undefined;
  const user = isObject(payload.user) ? payload.user : {};
  return {
    kind: 'comment',
    repository: project.path,
    repositoryUrl: project.url,
    number: mr.iid,
    commentId: note.id,
    body: note.note,
    author: {
      id: String(user.id ?? note.author_id ?? ''),
      ...(typeof user.username === 'string' && { name: user.username }),
    },
    authorIsBot: false,
  };
}
