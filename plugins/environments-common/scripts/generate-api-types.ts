// `yarn generate`: writes the TypeScript types of the API's spec.
import { writeFileSync } from 'node:fs';
import { API_TYPES_FILE, renderApiTypes } from './renderApiTypes';

renderApiTypes().then(text => writeFileSync(API_TYPES_FILE, text));
