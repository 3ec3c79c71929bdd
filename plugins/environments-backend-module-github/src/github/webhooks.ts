/**
 * Reads the parts of GitHub webhook payloads (`pull_request`, `issue_comment`)
 * that previews need. Pure: no I/O.
 */
import type { EventParams } from '@backstage/plugin-events-node';
import {
  ChangeRequest,
  ChangeRequestCommentEvent,
  ChangeRequestEvent,
  eventHeader,
  PreviewEvent,
} from '@greenroom/plugin-environments-previews-node';

/** The topics `@backstage/plugin-events-backend-module-github` republishes webhooks on. */
export const TOPIC_PULL_REQUEST = 'github.pull_request';
export const TOPIC_ISSUE_COMMENT = 'github.issue_comment';

const PR_ACTIONS = {
  opened: 'opened',
  reopened: 'reopened',
  synchronize: 'pushed',
  closed: 'closed',
} as const;

type Json = Record<string, any>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

function repositoryOf(
  payload: Json,
): { full: string; url: string } | undefined {
  const repo = payload.repository;
  if (
    !isObject(repo) ||
    typeof repo.full_name !== 'string' ||
    typeof repo.html_url !== 'string'
  ) {
    return undefined;
  }
  return { full: repo.full_name, url: repo.html_url };
}

/** The event of a GitHub webhook previews act on, or undefined. */
export function readGithubEvent(params: EventParams): PreviewEvent | undefined {
  const deliveryId = eventHeader(params.metadata, 'x-github-delivery');
  const event =
    params.topic === TOPIC_ISSUE_COMMENT
      ? readPullRequestCommentEvent(params.eventPayload)
      : readPullRequestEvent(params.eventPayload);
  return event && { ...event, ...(deliveryId && { deliveryId }) };
}

/**
 * The `pull_request` event, or undefined for actions previews ignore
 * (labeled, edited, …) and payloads that are not pull request events.
 */
export function readPullRequestEvent(
  payload: unknown,
): ChangeRequestEvent | undefined {
  if (!isObject(payload) || !isObject(payload.pull_request)) return undefined;
  const action = Object.hasOwn(PR_ACTIONS, payload.action)
    ? PR_ACTIONS[payload.action as keyof typeof PR_ACTIONS]
    : undefined;
  const repo = repositoryOf(payload);
  const pr = payload.pull_request;
  if (!action || !repo) return undefined;
  const changeRequest = readPullRequest(pr, repo);
  return changeRequest && { kind: 'changeRequest', action, ...changeRequest };
}

/**
 * A pull request of a `pull_request` payload or of
 * `GET /repos/{owner}/{repo}/pulls/{number}` (the same object): who opened
 * it, and whether its head is in the repository (`head.repo` is null for a
 * deleted fork). Undefined when it is not one.
 */
export function readPullRequest(
  pr: Json,
  repo: { full: string; url: string },
): ChangeRequest | undefined {
  if (typeof pr.number !== 'number') return undefined;
  if (!isObject(pr.head) || typeof pr.head.sha !== 'string') return undefined;
  const headRepo = pr.head.repo;
  const headName = isObject(headRepo) ? headRepo.full_name : undefined;
  const login = String((isObject(pr.user) && pr.user.login) || '');
  return {
    repository: repo.full,
    repositoryUrl: repo.url,
    number: pr.number,
    branch: String(pr.head.ref ?? ''),
    headSha: pr.head.sha,
    url: String(pr.html_url ?? ''),
    title: String(pr.title ?? ''),
    author: { id: login, name: login },
    fromFork:
      typeof headName !== 'string' ||
      headName.toLocaleLowerCase('en-US') !==
        repo.full.toLocaleLowerCase('en-US'),
    state: stateOf(pr),
  };
}

function stateOf(pr: Json): ChangeRequest['state'] {
  if (pr.merged === true) return 'merged';
  return pr.state === 'open' ? 'open' : 'closed';
}

/**
 * The comment of an `issue_comment` `created` event on a pull request, or
 * undefined for edits, deletions and comments on plain issues.
 */
export function readPullRequestCommentEvent(
  payload: unknown,
): ChangeRequestCommentEvent | undefined {
  if (!isObject(payload) || payload.action !== 'created') return undefined;
  const { issue, comment } = payload;
  const repo = repositoryOf(payload);
  if (!repo || !isObject(issue) || !isObject(comment)) return undefined;
  // GitHub models pull requests as issues; only they carry `pull_request`.
  if (!isObject(issue.pull_request) || typeof issue.number !== 'number') {
    return undefined;
  }
  if (typeof comment.id !== 'number' || typeof comment.body !== 'string') {
    return undefined;
  }
  const user = isObject(comment.user) ? comment.user : {};
  const login = String(user.login ?? '');
  return {
    kind: 'comment',
    repository: repo.full,
    repositoryUrl: repo.url,
    number: issue.number,
    commentId: comment.id,
    body: comment.body,
    author: { id: login, name: login },
    authorIsBot: user.type === 'Bot',
  };
}
