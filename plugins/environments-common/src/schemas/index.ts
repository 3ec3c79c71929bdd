export {
  VARIABLE_KEY_PATTERN,
  variableKeySchema,
  variableSchema,
  variableInputSchema,
} from './variable';
export type { Variable, VariableInput } from './variable';
export {
  DEFAULT_SERVICE_RESOURCES,
  serviceSchema,
  serviceInputSchema,
} from './service';
export type { Service, ServiceInput } from './service';
export {
  DEFAULT_POLICY_PRIORITY,
  policySchema,
  policyInputSchema,
} from './policy';
export type { Policy, PolicyInput } from './policy';
export {
  environmentNameSchema,
  runtimeSchema,
  pullRequestSchema,
  originSchema,
  baselineSchema,
  attentionItemSchema,
  environmentSchema,
  environmentInputSchema,
} from './environment';
export type {
  Runtime,
  PullRequest,
  Origin,
  Baseline,
  AttentionItem,
  Environment,
  EnvironmentInput,
} from './environment';
export { operationStepSchema, operationSchema } from './operation';
export type { OperationStep, Operation } from './operation';
export {
  serviceTemplateServiceSchema,
  serviceTemplateSpecSchema,
} from './serviceTemplate';
export type {
  ServiceTemplateService,
  ServiceTemplateSpec,
} from './serviceTemplate';
export {
  serviceObservationSchema,
  driftFindingSchema,
  environmentObservationSchema,
} from './observation';
export type {
  ServiceObservation,
  DriftFinding,
  EnvironmentObservation,
  ObservedEnvironment,
} from './observation';
