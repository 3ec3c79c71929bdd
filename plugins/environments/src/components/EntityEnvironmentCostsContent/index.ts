export {
  EntityEnvironmentCostsContent,
  LegacyEntityEnvironmentCostsContent,
} from './EntityEnvironmentCostsContent';
export type { EntityEnvironmentCostsContentProps } from './EntityEnvironmentCostsContent';
