export * from './dataRules';
export * from './effectiveDataRules';
export * from './transforms';
export * from './previewRows';
