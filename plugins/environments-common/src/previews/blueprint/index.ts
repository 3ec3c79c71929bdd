export {
  MAX_PREVIEW_ADDITIONS,
  MAX_PREVIEW_SERVICES,
  MAX_PREVIEW_TTL,
  MAX_PREVIEW_VARIABLES,
  PREVIEW_BLUEPRINT_KIND,
  previewBlueprintSchema,
  previewBlueprintSpecSchema,
} from './previewBlueprintSchema';
export type {
  PreviewBlueprint,
  PreviewBlueprintInput,
} from './previewBlueprintSchema';
export type { PreviewBlueprintIssue } from './issues';
export { parsePreviewBlueprint } from './parsePreviewBlueprint';
export { isPreviewBlueprintPath } from './previewBlueprintPath';
export { blueprintErrorsMarkdown } from './blueprintErrorsMarkdown';
export { previewFromBlueprint } from './previewFromBlueprint';
export type {
  PreviewAddition,
  PreviewFromBlueprintOptions,
  PreviewPlan,
} from './previewFromBlueprint';
