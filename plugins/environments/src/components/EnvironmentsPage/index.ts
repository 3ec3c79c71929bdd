export { EnvironmentsPage, EnvironmentsList } from './EnvironmentsPage';
