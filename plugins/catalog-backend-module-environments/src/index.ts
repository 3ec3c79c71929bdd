/**
 * Catalog backend module for Greenroom: validation and relations for the
 * `Environment` and `ServiceTemplate` entity kinds, and the provider that
 * publishes the environments plugin's environments as entities.
 *
 * @packageDocumentation
 */

export { catalogModuleEnvironments as default } from './module';
export {
  EnvironmentEntitiesProcessor,
  ServiceTemplateEntitiesProcessor,
} from './processor';
export { validateServiceTemplate } from './validation/validateServiceTemplate';
export { validatePreviewBlueprint } from './validation/validatePreviewBlueprint';
export { formatServiceTemplateIssue } from './validation/issues';
export type {
  ServiceTemplateIssue,
  ServiceTemplateValidation,
} from './validation/issues';
