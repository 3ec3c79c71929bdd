export {
  OperationEngine,
  type OperationEngineOptions,
} from './OperationEngine';
export { OPERATION_STEPS, stepsFor } from './steps';
export {
  parseCpuCores,
  parseMemoryGb,
} from '@greenroom/plugin-environments-common';
