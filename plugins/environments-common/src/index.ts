/**
 * Domain model of Greenroom environments: types, zod schemas, entity kinds,
 * permissions and pure logic shared by the frontend and backend packages.
 *
 * @packageDocumentation
 */

export * from './constants';
export * from './duration';
export * from './quantities';
export {
  MAX_ENVIRONMENT_NAME_LENGTH,
  MAX_SERVICE_NAME_LENGTH,
  RESERVED_ENVIRONMENT_NAMES,
  isValidEnvironmentName,
  isValidServiceName,
  toEnvironmentName,
} from './naming';
export * from './schedule';
export * from './variables';
export { formatZodError, zodFieldErrors } from './zodErrors';
export type { ZodFieldError } from './zodErrors';
export * from './permissions';
export * from './kinds';
export * from './schemas';
export {
  durationSchema,
  entityRefSchema,
  semverSchema,
  timestampSchema,
} from './schemas/common';
export * from './catalog/serviceFromComponent';
export * from './clone';
export * from './baseline';
export * from './previews/switchServiceToBranch';
export * from './previews/previewBot';
export * from './previews/previewEnvironmentName';
export * from './previews/previewOrigin';
export * from './previews/previewBase';
export * from './previews/previewCommands';
export * from './previews/previewComment';
export * from './previews/previewCommentView';
export * from './previews/quota';
export * from './previews/servicesOfComponent';
export * from './previews/blueprint';
export * from './templates';
export * from './cost';
export * from './data';
export * from './policies';
export * from './api';
export * from './wake';
export * from './observations';
