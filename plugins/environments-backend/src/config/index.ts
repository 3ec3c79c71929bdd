export {
  readEnvironmentsConfig,
  type EnvironmentsConfig,
} from './readEnvironmentsConfig';
export type { EnvironmentLimits, QuantityLimit } from './readLimits';
export { DEVELOPMENT_SECRETS_KEY, readSecretsKeys } from './readSecretsKeys';
