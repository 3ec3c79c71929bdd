export {
  EntityEnvironmentsContent,
  environmentQueryForEntity,
} from './EntityEnvironmentsContent';
