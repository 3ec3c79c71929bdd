export { EnvironmentEntitiesProcessor } from './EnvironmentEntitiesProcessor';
export { ServiceTemplateEntitiesProcessor } from './ServiceTemplateEntitiesProcessor';
