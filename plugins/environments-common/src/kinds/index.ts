export type { EnvironmentEntityV1alpha1 } from './EnvironmentEntityV1alpha1';
export {
  environmentEntityV1alpha1Validator,
  isEnvironmentEntity,
} from './EnvironmentEntityV1alpha1';
export type { ServiceTemplateEntityV1alpha1 } from './ServiceTemplateEntityV1alpha1';
export {
  serviceTemplateEntityV1alpha1Validator,
  isServiceTemplateEntity,
} from './ServiceTemplateEntityV1alpha1';
