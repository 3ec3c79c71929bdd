// packages/backend/src/index.ts, before backend.start()
// Greenroom's optional modules: the `kubernetes` runtime (on once environments.kubernetes.clusters
// is set), managed databases on AWS RDS (environments.awsRds.region), pull request previews
// from GitHub webhooks (environments.github, received by the events backend's GitHub module,
// acting as environments.github.actAs with tokens from the greenroom-bot auth provider)
backend.add(import('@greenroom/plugin-environments-backend-module-kubernetes'));
backend.add(import('@greenroom/plugin-environments-backend-module-aws-rds'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-events-backend-module-github'));
backend.add(import('@greenroom/plugin-environments-backend-module-github'));
backend.add(
  import('@greenroom/plugin-auth-backend-module-greenroom-bot-provider'),
);
