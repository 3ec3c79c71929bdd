export * from './expressions';
export * from './errors';
export * from './validateTemplateParameters';
export * from './renderServiceFromTemplate';
export * from './templateVersions';
export * from './serviceChanges';
export * from './apiTypes';
