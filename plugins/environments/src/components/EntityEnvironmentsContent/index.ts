export {
  EntityEnvironmentsContent,
  environmentQueryForEntity,
  LegacyEntityEnvironmentsContent,
} from './EntityEnvironmentsContent';
