/***/
/**
 * The kubernetes backend module for the environments plugin.
 *
 * @packageDocumentation
 */

export { environmentsModuleKubernetes as default } from './module';
