export { NewEnvironmentPage } from './NewEnvironmentPage';
