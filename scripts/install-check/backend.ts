// packages/backend/src/index.ts, before backend.start()
// Greenroom: the environments API, the Environment and ServiceTemplate catalog kinds
// (environments show up in the catalog too) and the environment:* scaffolder actions
backend.add(import('@greenroom/plugin-environments-backend'));
backend.add(import('@greenroom/plugin-catalog-backend-module-environments'));
backend.add(import('@greenroom/plugin-scaffolder-backend-module-environments'));
