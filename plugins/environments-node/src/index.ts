/**
 * Extension points and interfaces for backend modules of the Greenroom
 * environments plugin: runtimes, activity sources and price sources.
 *
 * @packageDocumentation
 */

export * from './runtime/types';
export * from './runtime/errors';
export * from './runtime/retry';
export * from './runtime/concurrency';
export * from './runtime/extensions';
export * from './runtime/managedDatabases';
export * from './runtime/secretHash';
export * from './installation';
export * from './auth/ActAsCredentials';
export * from './activity';
export * from './pricing';
export * from './client/EnvironmentsService';
export * from './events';
