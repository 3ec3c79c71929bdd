export * from './dataRules';
export * from './columnKeys';
export * from './effectiveDataRules';
export * from './transforms';
export * from './previewRows';
