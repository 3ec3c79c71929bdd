import type { EventParams } from '@backstage/plugin-events-node';
import type { AccessLevel } from './accessLevel';

/**
 * One change request: a GitHub pull request or a GitLab merge request.
 *
 * @public
 */
export interface ChangeRequestRef {
  /** `owner/name` on GitHub, the project's path on GitLab. */
  repository: string;
  /** `https://host/owner/name`: picks the integration. */
  repositoryUrl: string;
  /** The pull request's number, the merge request's `iid`. */
  number: number;
}

/**
 * A person on the provider.
 *
 * @public
 */
export interface ChangeRequestUser {
  /** What {@link ChangeRequestProvider.getAccessLevel} takes: a login, a user id. */
  id: string;
  /** The name a mention uses (`@name`), when known. */
  name?: string;
}

/**
 * What a change request is now, as an event or the provider's API tells it.
 *
 * @public
 */
export interface ChangeRequest extends ChangeRequestRef {
  /** The head (source) branch. */
  branch: string;
  headSha: string;
  title: string;
  url: string;
  author: ChangeRequestUser;
  /** Whether the head branch is outside the repository (a fork, or a deleted one). */
  fromFork: boolean;
  state: 'open' | 'closed' | 'merged';
}

/**
 * A change request opened, reopened, pushed to (new commits) or closed
 * (`state` says whether it was merged).
 *
 * @public
 */
export interface ChangeRequestEvent extends ChangeRequest {
  kind: 'changeRequest';
  action: 'opened' | 'reopened' | 'pushed' | 'closed';
  /** The provider's id of this delivery of the webhook, when it sends one. */
  deliveryId?: string;
}

/**
 * A new comment on a change request, which may hold a `/preview` command.
 *
 * @public
 */
export interface ChangeRequestCommentEvent extends ChangeRequestRef {
  kind: 'comment';
  commentId: number;
  body: string;
  author: ChangeRequestUser;
  /** Comments of bots are never read as commands. */
  authorIsBot: boolean;
  deliveryId?: string;
}

/** @public */
export type PreviewEvent = ChangeRequestEvent | ChangeRequestCommentEvent;

/**
 * A comment (GitLab: a note) on a change request.
 *
 * @public
 */
export interface ChangeRequestComment {
  id: number;
  body?: string | null;
}

/**
 * How comments and logs name things on a provider, e.g. for GitHub:
 * `{ provider: 'GitHub', changeRequest: 'pull request', approver: 'a maintainer (write access)', … }`.
 *
 * @public
 */
export interface ChangeRequestTerms {
  provider: string;
  changeRequest: string;
  /** Who may deploy with `/preview`, after `A`/`a`: `maintainer (write access)`. */
  approver: string;
  /** The access that deploys on its own and runs commands, e.g. `write access`. */
  writeAccess: string;
  /** The same, in full, e.g. `write, maintain or admin access`. */
  writeAccessInFull: string;
}

/**
 * What the previews core needs of a code host: reading its webhook events
 * and change requests, the access of users, the bot's comments, and files.
 * The GitHub and GitLab modules implement it.
 *
 * @public
 */
export interface ChangeRequestProvider {
  /** `github`, `gitlab`: `origin.pullRequest.provider` of its previews. */
  readonly id: string;
  readonly terms: ChangeRequestTerms;
  /** The annotation naming a Component's repository, e.g. `github.com/project-slug`. */
  readonly slugAnnotation: string;
  /** The events service topics its webhooks arrive on. */
  readonly topics: string[];

  /** The event previews act on, or undefined for any other. Pure. */
  readEvent(params: EventParams): PreviewEvent | undefined;
  /** The web page of a change request. */
  changeRequestUrl(ref: ChangeRequestRef): string;
  /** The repository's URL from the URL of one of its change requests. */
  repositoryUrlOf(changeRequestUrl: string): string;

  /** Undefined when it does not exist or cannot be seen. */
  getChangeRequest(ref: ChangeRequestRef): Promise<ChangeRequest | undefined>;
  /** The user's access to the repository, `none` for a stranger. */
  getAccessLevel(
    repository: Pick<ChangeRequestRef, 'repository' | 'repositoryUrl'>,
    user: ChangeRequestUser,
  ): Promise<AccessLevel>;
  /** The change request's comments, oldest first, as many as a person reads. */
  listComments(ref: ChangeRequestRef): Promise<ChangeRequestComment[]>;
  createComment(ref: ChangeRequestRef, body: string): Promise<void>;
  updateComment(
    ref: ChangeRequestRef,
    commentId: number,
    body: string,
  ): Promise<void>;
  /** A file's text at `ref` (a branch or commit), undefined when it does not exist. */
  readFile(
    repository: Pick<ChangeRequestRef, 'repository' | 'repositoryUrl'>,
    ref: string,
    path: string,
  ): Promise<string | undefined>;
}
