export { CLONE_DATA_POLICIES, cloneRequestSchema } from './cloneRequest';
export type {
  CloneDataPolicy,
  CloneRequest,
  CloneRequestInput,
} from './cloneRequest';
export { ClonePlanError, planClone } from './planClone';
export type { CloneDataStep, CloneDiffEntry, ClonePlan } from './planClone';
