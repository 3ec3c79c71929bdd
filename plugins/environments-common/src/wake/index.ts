export * from './decideWake';
