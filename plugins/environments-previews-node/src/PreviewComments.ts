import {
  ApiEnvironment,
  findPreviewComment,
  PreviewCommentView,
  readStoredView,
  refreshedView,
  renderPreviewComment,
  renderReply,
  replyMarker,
} from '@greenroom/plugin-environments-common';
import type {
  ChangeRequestComment,
  ChangeRequestProvider,
  ChangeRequestRef,
} from './ChangeRequestProvider';

/**
 * Writes the bot's comments on a change request: the one preview comment,
 * updated in place, and replies to commands, each written once.
 */
export class PreviewComments {
  constructor(private readonly provider: ChangeRequestProvider) {}

  /**
   * Creates the preview comment, or updates it when it exists and differs.
   * With `onlyIfExists`, a change request without one gets none.
   */
  async upsert(
    pr: ChangeRequestRef,
    view: PreviewCommentView,
    options: { onlyIfExists?: boolean } = {},
  ): Promise<void> {
    const body = this.#render(view);
    const existing = findPreviewComment(await this.provider.listComments(pr));
    if (existing) {
      await this.#update(pr, existing, body);
    } else if (!options.onlyIfExists) {
      await this.provider.createComment(pr, body);
    }
  }

  /**
   * Renders the preview comment again with the environment as it is now,
   * keeping what the last event said. Never creates one; returns whether
   * the comment changed.
   */
  async refresh(pr: ChangeRequestRef, env: ApiEnvironment): Promise<boolean> {
    const existing = findPreviewComment(await this.provider.listComments(pr));
    const stored = existing?.body ? readStoredView(existing.body) : undefined;
    const view = stored && refreshedView(stored, env);
    if (!existing || !view) return false;
    return this.#update(pr, existing, this.#render(view));
  }

  /** Answers the command comment `commentId`, unless it was answered already. */
  async reply(
    pr: ChangeRequestRef,
    options: { commentId: number; author: string; text: string },
  ): Promise<void> {
    const marker = replyMarker(options.commentId);
    const comments = await this.provider.listComments(pr);
    if (comments.some(c => c.body?.includes(marker))) return;
    await this.provider.createComment(pr, renderReply(options));
  }

  #render(view: PreviewCommentView): string {
    return renderPreviewComment(view, {
      access: this.provider.terms.writeAccess,
    });
  }

  /** Writes `body` unless the comment says that already. */
  async #update(
    pr: ChangeRequestRef,
    existing: ChangeRequestComment,
    body: string,
  ): Promise<boolean> {
    if (existing.body === body) return false;
    await this.provider.updateComment(pr, existing.id, body);
    return true;
  }
}
