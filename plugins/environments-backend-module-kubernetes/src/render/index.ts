export * from './types';
export * from './labels';
export { renderEnvironment } from './renderEnvironment';
