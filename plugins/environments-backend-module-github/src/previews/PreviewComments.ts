import type { GithubApi } from '../github/GithubApi';
import type { PullRequestRef } from './webhooks';
import {
  findPreviewComment,
  renderPreviewComment,
  renderReply,
  replyMarker,
  PreviewCommentView,
} from './comment';

/**
 * Writes the bot's comments on a pull request: the one preview comment,
 * updated in place, and replies to commands, each written once.
 */
export class PreviewComments {
  constructor(private readonly api: GithubApi) {}

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
    const comments = await this.api.listIssueComments(pr.repository, pr.number);
    const existing = findPreviewComment(comments);
    if (!existing) {
      if (options.onlyIfExists) return;
      await this.api.createIssueComment(pr.repository, pr.number, body);
    } else if (existing.body !== body) {
      await this.api.updateIssueComment(pr.repository, existing.id, body);
    }
  }

  /** Answers the command comment `commentId`, unless it was answered already. */
  async reply(
    pr: PullRequestRef,
    options: { commentId: number; author: string; text: string },
  ): Promise<void> {
    const comments = await this.api.listIssueComments(pr.repository, pr.number);
    const marker = replyMarker(options.commentId);
    if (comments.some(c => c.body?.includes(marker))) return;
    await this.api.createIssueComment(
      pr.repository,
      pr.number,
      renderReply(options),
    );
  }
}
