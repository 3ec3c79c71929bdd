/***/
/**
 * The github backend module for the environments plugin.
 *
 * @packageDocumentation
 */

export { environmentsModuleGithub as default } from './module';
