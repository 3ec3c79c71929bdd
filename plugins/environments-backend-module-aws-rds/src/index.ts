/***/
/**
 * The aws-rds backend module for the environments plugin.
 *
 * @packageDocumentation
 */

export { environmentsModuleAwsRds as default } from './module';
