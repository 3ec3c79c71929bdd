export {
  EnvironmentsRouter,
  HostLayoutEnvironmentsRouter,
  LegacyEnvironmentsRouter,
} from './EnvironmentsRouter';
