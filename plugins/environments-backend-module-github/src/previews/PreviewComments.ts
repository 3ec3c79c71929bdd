import type { Octokit } from '@octokit/rest';
import { repositoryParams } from '../github/repository';
import type { PullRequestRef } from './webhooks';
import {
  findPreviewComment,
  renderPreviewComment,
  renderReply,
  replyMarker,
  PreviewCommentView,
} from './comment';

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
    if (!existing) {
      if (options.onlyIfExists) return;
      await this.#create(pr, body);
    } else if (existing.body !== body) {
      await this.octokit.rest.issues.updateComment({
        ...repositoryParams(pr.repository),
        comment_id: existing.id,
        body,
      });
    }
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

  async #create(pr: PullRequestRef, body: string) {
    await this.octokit.rest.issues.createComment({
      ...repositoryParams(pr.repository),
      issue_number: pr.number,
      body,
    });
  }
}
