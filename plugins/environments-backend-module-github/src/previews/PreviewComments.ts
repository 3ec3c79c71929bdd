import type { ApiEnvironment } from '@greenroom/plugin-environments-common';
import type { Octokit } from '@octokit/rest';
import { repositoryParams } from '../github/repository';
import type { PullRequestRef } from './webhooks';
import {
  findPreviewComment,
  readStoredView,
  renderPreviewComment,
  renderReply,
  replyMarker,
  PreviewCommentView,
} from './comment';
import { refreshedView } from './commentView';

/** Enough pages of 100 comments for any pull request a human reads. */
const MAX_COMMENT_PAGES = 10;

/**
 * Writes the bot's comments on a pull request: the one preview comment,
 * updated in place, and replies to commands, each written once.
 */
export class PreviewComments {
  constructor(private readonly octokit: Octokit) {}

  /**
   * Creates the preview comment, or updates it when it exists and differs.
   * With `onlyIfExists`, a pull request without one gets none.
   */
  async upsert(
    pr: PullRequestRef,
    view: PreviewCommentView,
    options: { onlyIfExists?: boolean } = {},
  ): Promise<void> {
    const body = renderPreviewComment(view);
    const existing = findPreviewComment(await this.#list(pr));
    if (existing) {
      await this.#update(pr, existing, body);
    } else if (!options.onlyIfExists) {
      await this.#create(pr, body);
    }
  }

  /**
   * Renders the preview comment again with the environment as it is now,
   * keeping what the last event said. Never creates one; returns whether
   * the comment changed.
   */
  async refresh(pr: PullRequestRef, env: ApiEnvironment): Promise<boolean> {
    const existing = findPreviewComment(await this.#list(pr));
    const stored = existing?.body ? readStoredView(existing.body) : undefined;
    const view = stored && refreshedView(stored, env);
    if (!existing || !view) return false;
    return this.#update(pr, existing, renderPreviewComment(view));
  }

  /** Answers the command comment `commentId`, unless it was answered already. */
  async reply(
    pr: PullRequestRef,
    options: { commentId: number; author: string; text: string },
  ): Promise<void> {
    const marker = replyMarker(options.commentId);
    const comments = await this.#list(pr);
    if (comments.some(c => c.body?.includes(marker))) return;
    await this.#create(pr, renderReply(options));
  }

  async #list(pr: PullRequestRef) {
    let pages = 0;
    return this.octokit.paginate(
      this.octokit.rest.issues.listComments,
      {
        ...repositoryParams(pr.repository),
        issue_number: pr.number,
        per_page: 100,
      },
      (response, done) => {
        pages += 1;
        if (pages >= MAX_COMMENT_PAGES) done();
        return response.data;
      },
    );
  }

  /** Writes `body` unless the comment says that already. */
  async #update(
    pr: PullRequestRef,
    existing: { id: number; body?: string | null },
    body: string,
  ): Promise<boolean> {
    if (existing.body === body) return false;
    await this.octokit.rest.issues.updateComment({
      ...repositoryParams(pr.repository),
      comment_id: existing.id,
      body,
    });
    return true;
  }

  async #create(pr: PullRequestRef, body: string) {
    await this.octokit.rest.issues.createComment({
      ...repositoryParams(pr.repository),
      issue_number: pr.number,
      body,
    });
  }
}
