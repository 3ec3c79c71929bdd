export { BASE_DOWN_ITEM, describeSharing } from './describeSharing';
export type { EnvironmentSharing } from './describeSharing';
