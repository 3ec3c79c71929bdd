/**
 * The gitlab backend module for the environments plugin: merge request
 * previews from GitLab events.
 *
 * @packageDocumentation
 */

export { environmentsModuleGitlab as default } from './module';
