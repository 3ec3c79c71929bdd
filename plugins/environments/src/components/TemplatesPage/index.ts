export { TemplatesPage, TemplatesList } from './TemplatesPage';
