export {
  EnvironmentsRouter,
  LegacyEnvironmentsRouter,
} from './EnvironmentsRouter';
