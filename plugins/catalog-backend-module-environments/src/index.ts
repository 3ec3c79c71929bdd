/***/
/**
 * The environments-processor module for @backstage/plugin-catalog-backend
 *
 * @packageDocumentation
 */

export { catalogModuleEnvironments as default } from './module';
