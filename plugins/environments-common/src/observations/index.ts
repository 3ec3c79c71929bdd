export * from './primaryPublicUrl';
export * from './runningImage';
