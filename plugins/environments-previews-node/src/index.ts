/**
 * Preview environments of pull and merge requests, whatever the code host:
 * the logic that turns change request events into previews and keeps their
 * comment, for the GitHub and GitLab modules of the environments plugin,
 * which implement {@link ChangeRequestProvider}.
 *
 * @packageDocumentation
 */

export * from './ChangeRequestProvider';
export * from './accessLevel';
export * from './eventHeader';
export * from './idempotency';
export * from './settings';
export { PreviewService } from './PreviewService';
export { PreviewCommentRefresh } from './PreviewCommentRefresh';
export { reconcilePreviews } from './reconcile';
export { startPreviews } from './startPreviews';
export { createPreviewsModule } from './createPreviewsModule';
