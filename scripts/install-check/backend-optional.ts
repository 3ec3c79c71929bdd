// packages/backend/src/index.ts, before backend.start()
// Greenroom's optional modules: the `kubernetes` runtime (on once environments.kubernetes.clusters
// is set), managed databases on AWS RDS (environments.awsRds.region), pull request previews
// from GitHub and GitLab webhooks (environments.github / environments.gitlab, received by the
// events backend's GitHub and GitLab modules, acting as their actAs user with tokens from the
// greenroom-bot auth provider)
backend.add(import('@greenroom/plugin-environments-backend-module-kubernetes'));
backend.add(import('@greenroom/plugin-environments-backend-module-aws-rds'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-events-backend-module-github'));
backend.add(import('@greenroom/plugin-environments-backend-module-github'));
backend.add(import('@backstage/plugin-events-backend-module-gitlab'));
backend.add(import('@greenroom/plugin-environments-backend-module-gitlab'));
backend.add(
  import('@greenroom/plugin-auth-backend-module-greenroom-bot-provider'),
);
