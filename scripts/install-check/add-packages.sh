# from the root of your Backstage app
yarn --cwd packages/app add @greenroom/plugin-environments@^0.1.0
yarn --cwd packages/backend add @greenroom/plugin-environments-backend@^0.1.0 @greenroom/plugin-catalog-backend-module-environments@^0.1.0 @greenroom/plugin-scaffolder-backend-module-environments@^0.1.0
