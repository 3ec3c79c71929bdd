# optional modules (each stays off until configured); the GitHub one needs the events backend
# and the auth module that gives it the tokens of the user it acts as
yarn --cwd packages/backend add @greenroom/plugin-environments-backend-module-kubernetes@^0.1.0 @greenroom/plugin-environments-backend-module-aws-rds@^0.1.0 @greenroom/plugin-environments-backend-module-github@^0.1.0 @greenroom/plugin-auth-backend-module-greenroom-bot-provider@^0.1.0 @backstage/plugin-events-backend @backstage/plugin-events-backend-module-github
