export { TemplatePage } from './TemplatePage';
