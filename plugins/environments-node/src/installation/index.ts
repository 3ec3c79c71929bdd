export * from './installationId';
