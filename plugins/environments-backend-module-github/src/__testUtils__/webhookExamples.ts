import examples from '@octokit/webhooks-examples';

/**
 * Real GitHub webhook payloads from `@octokit/webhooks-examples` (GitHub's
 * documented examples for `Codertocat/Hello-World`), moved to another
 * repository, pull request, author or head repository. Everything else is
 * as GitHub sends it.
 */

type Json = Record<string, any>;

function example(event: string, action: string): Json {
  const definition = examples.find(d => d.name === event);
  const payload = definition?.examples.find(
    (e: Json) => e.action === action,
  ) as Json | undefined;
  if (!payload) throw new Error(`No ${event}.${action} example`);
  return structuredClone(payload);
}

/** The repository object of a payload, moved to `owner/name`. */
function moveRepository(repo: Json, fullName: string): Json {
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

export interface PullRequestExample {
  /** `owner/name` of the base repository. */
  repository: string;
  number: number;
  /** Who opened it; default: the repository owner in the example. */
  author?: string;
  /**
   * The head repository's `owner/name` (a fork when it differs), `null` for
   * a deleted fork; default: the repository itself.
   */
  headRepository?: string | null;
  headSha?: string;
  branch?: string;
}

/**
 * A `pull_request` event: `opened`, `reopened`, `synchronize` or `closed`
 * (each GitHub's own example of that action).
 */
export function pullRequestEvent(
  action: 'opened' | 'reopened' | 'synchronize' | 'closed',
  options: PullRequestExample,
): Json {
  const payload = example('pull_request', action);
  const { repository, number } = options;
  const pr = payload.pull_request;
  payload.repository = moveRepository(payload.repository, repository);
  payload.number = number;
  pr.number = number;
  pr.html_url = `https://github.com/${repository}/pull/${number}`;
  pr.url = `https://api.github.com/repos/${repository}/pulls/${number}`;
  if (options.author) pr.user = { ...pr.user, login: options.author };
  pr.base.repo = moveRepository(pr.base.repo, repository);
  const head =
    options.headRepository === undefined ? repository : options.headRepository;
  pr.head.repo = head === null ? null : moveRepository(pr.head.repo, head);
  if (options.headSha) pr.head.sha = options.headSha;
  if (options.branch) pr.head.ref = options.branch;
  return payload;
}

/**
 * An `issue_comment` `created` event on the pull request. GitHub's example
 * is a comment on a plain issue; a comment on a pull request differs only
 * by `issue.pull_request`, which is added here as GitHub sends it.
 */
export function pullRequestCommentEvent(options: {
  repository: string;
  number: number;
  author: string;
  body: string;
  commentId: number;
}): Json {
  const payload = example('issue_comment', 'created');
  const { repository, number } = options;
  payload.repository = moveRepository(payload.repository, repository);
  payload.issue.number = number;
  payload.issue.html_url = `https://github.com/${repository}/pull/${number}`;
  payload.issue.pull_request = {
    url: `https://api.github.com/repos/${repository}/pulls/${number}`,
    html_url: `https://github.com/${repository}/pull/${number}`,
    diff_url: `https://github.com/${repository}/pull/${number}.diff`,
    patch_url: `https://github.com/${repository}/pull/${number}.patch`,
  };
  payload.comment.id = options.commentId;
  payload.comment.body = options.body;
  payload.comment.user = { ...payload.comment.user, login: options.author };
  return payload;
}

/**
 * `GET /repos/{owner}/{repo}/pulls/{number}`: the pull request of an event
 * (the REST API answers the same object the webhook carries).
 */
export function pullRequestOf(event: Json): Json {
  return structuredClone(event.pull_request);
}
