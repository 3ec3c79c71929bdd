/**
 * Reads the parts of GitHub webhook payloads (`pull_request`, `issue_comment`)
 * that previews need, and derives idempotency keys from the delivery. Pure:
 * no I/O.
 */

/** The pull request a preview belongs to. */
export interface PullRequestRef {
  /** `owner/name` */
  repository: string;
  /** `https://github.com/owner/name`, used to pick the integration. */
  repositoryUrl: string;
  number: number;
}

/** A `pull_request` event that previews act on. */
export interface PullRequestEvent extends PullRequestRef {
  action: 'opened' | 'reopened' | 'synchronize' | 'closed';
  branch: string;
  headSha: string;
  url: string;
  title: string;
  merged: boolean;
  /** `pull_request.user.login`: who opened the pull request. */
  author: string;
  /**
   * Whether the head branch is outside the repository: a fork
   * (`head.repo.full_name` differs), or a deleted fork (`head.repo` null).
   */
  fromFork: boolean;
}

/** An `issue_comment` `created` event on a pull request. */
export interface PullRequestCommentEvent extends PullRequestRef {
  commentId: number;
  body: string;
  author: string;
  authorIsBot: boolean;
}

const PR_ACTIONS = ['opened', 'reopened', 'synchronize', 'closed'] as const;

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

/**
 * The `pull_request` event, or undefined for actions previews ignore
 * (labeled, edited, …) and payloads that are not pull request events.
 */
export function readPullRequestEvent(
  payload: unknown,
): PullRequestEvent | undefined {
  if (!isObject(payload) || !isObject(payload.pull_request)) return undefined;
  const action = PR_ACTIONS.find(a => a === payload.action);
  const repo = repositoryOf(payload);
  const pr = payload.pull_request;
  if (!action || !repo || typeof pr.number !== 'number') return undefined;
  if (!isObject(pr.head) || typeof pr.head.sha !== 'string') return undefined;
  return {
    ...pullRequestOrigin(pr, repo.full),
    action,
    repository: repo.full,
    repositoryUrl: repo.url,
    number: pr.number,
    branch: String(pr.head.ref ?? ''),
    headSha: pr.head.sha,
    url: String(pr.html_url ?? ''),
    title: String(pr.title ?? ''),
    merged: pr.merged === true,
  };
}

/**
 * Who opened a pull request and whether its head is in `repository`, from a
 * `pull_request` payload or `GET /repos/{owner}/{repo}/pulls/{number}`.
 */
export function pullRequestOrigin(
  pr: Json,
  repository: string,
): { author: string; fromFork: boolean } {
  const headRepo = isObject(pr.head) ? pr.head.repo : undefined;
  const headName = isObject(headRepo) ? headRepo.full_name : undefined;
  return {
    author: String((isObject(pr.user) && pr.user.login) || ''),
    fromFork:
      typeof headName !== 'string' ||
      headName.toLocaleLowerCase('en-US') !==
        repository.toLocaleLowerCase('en-US'),
  };
}

/**
 * The comment of an `issue_comment` `created` event on a pull request, or
 * undefined for edits, deletions and comments on plain issues.
 */
export function readPullRequestCommentEvent(
  payload: unknown,
): PullRequestCommentEvent | undefined {
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
  return {
    repository: repo.full,
    repositoryUrl: repo.url,
    number: issue.number,
    commentId: comment.id,
    body: comment.body,
    author: String(user.login ?? ''),
    authorIsBot: user.type === 'Bot',
  };
}

/** The `X-GitHub-Delivery` id from the event metadata (the webhook's headers). */
export function deliveryIdOf(
  metadata: Record<string, string | string[] | undefined> | undefined,
): string | undefined {
  if (!metadata) return undefined;
  const entry = Object.entries(metadata).find(
    ([key]) => key.toLowerCase() === 'x-github-delivery',
  )?.[1];
  const value = Array.isArray(entry) ? entry[0] : entry;
  return value ? value : undefined;
}

/**
 * The `Idempotency-Key` of one change caused by one webhook delivery:
 * `github:<delivery id>:<action>`, so a redelivered webhook repeats nothing.
 * Without a delivery id, the key is made of what identifies the event
 * (`fallback`: the head sha of a push, the id of a comment).
 */
export function idempotencyKey(options: {
  deliveryId?: string;
  pullRequest: PullRequestRef;
  action: string;
  fallback: string;
}): string {
  const { deliveryId, pullRequest, action, fallback } = options;
  if (deliveryId) return `github:${deliveryId}:${action}`;
  return `github:${pullRequest.repository}#${pullRequest.number}:${action}:${fallback}`;
}
