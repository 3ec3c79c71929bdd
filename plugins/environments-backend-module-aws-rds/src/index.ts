/***/
/**
 * The aws-rds backend module for the environments plugin: managed databases
 * (`database.mode: managed`) on AWS RDS.
 *
 * @packageDocumentation
 */

export { environmentsModuleAwsRds as default } from './module';
export { AwsRdsDatabaseProvider } from './rds/AwsRdsDatabaseProvider';
export type { AwsRdsDatabaseProviderOptions } from './rds/AwsRdsDatabaseProvider';
export type { AwsRdsConfig, EngineMode } from './rds/config';
export { restopAutoStartedInstances } from './rds/restopAutoStartedInstances';
export type {
  RestopOptions,
  RestopResult,
} from './rds/restopAutoStartedInstances';
