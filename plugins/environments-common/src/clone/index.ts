export { CLONE_DATA_POLICIES, cloneRequestSchema } from './cloneRequest';
export type {
  CloneDataPolicy,
  CloneRequest,
  CloneRequestInput,
} from './cloneRequest';
export { ClonePlanError, planClone } from './planClone';
export type { ClonePlan, PlanCloneOptions } from './planClone';
export { COPYABLE_ENGINES } from './planData';
export type { CloneDataStep } from './planData';
export type { CloneDiffEntry } from './cloneReport';
