export {
  EntityLocalRuntimeCard,
  LegacyEntityLocalRuntimeCard,
} from './EntityLocalRuntimeCard';
