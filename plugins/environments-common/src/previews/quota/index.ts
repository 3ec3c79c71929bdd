export {
  hasPreviewQuota,
  previewQuotaLimit,
  type PreviewQuotaScope,
  type PreviewQuotaSettings,
} from './settings';
export * from './quotaPreview';
export * from './decidePreviewSlot';
export * from './queuedPreviewsToStart';
export * from './previewQuotaUsage';
