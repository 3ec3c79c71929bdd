/*
 * Hi!
 *
 * Note that this is an EXAMPLE Backstage backend. Please check the README.
 *
 * Happy hacking!
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider
// Greenroom: user tokens of the previews bots (environments.github.actAs,
// environments.gitlab.actAs), for the environments plugin only; off until an actAs and
// auth.providers.greenroom-bot are configured
backend.add(
  import('@greenroom/plugin-auth-backend-module-greenroom-bot-provider'),
);

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// See https://backstage.io/docs/permissions/getting-started for how to create your own permission policy
// The demo's policy: allow-all as create-app ships, or Greenroom's example policy
// with `permission.demoPolicy: example` (see src/permissionPolicy.ts)
backend.add(import('./permissionPolicy'));

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// events plugin: carries Greenroom's change events (and GitHub and GitLab webhooks) between plugins
backend.add(import('@backstage/plugin-events-backend'));
// GitHub webhooks on POST /api/events/http/github (signature checked with
// events.modules.github.webhookSecret), republished as github.<event> topics
backend.add(import('@backstage/plugin-events-backend-module-github'));
// GitLab webhooks on POST /api/events/http/gitlab (X-Gitlab-Token checked against
// events.modules.gitlab.webhookSecret), republished as gitlab.<object_kind> topics
backend.add(import('@backstage/plugin-events-backend-module-gitlab'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Greenroom: environments, with its catalog kinds and entities, scaffolder actions
// and runtimes (the built-in `local` one; kubernetes and aws-rds when configured)
backend.add(import('@greenroom/plugin-environments-backend'));
backend.add(import('@greenroom/plugin-catalog-backend-module-environments'));
backend.add(import('@greenroom/plugin-scaffolder-backend-module-environments'));
backend.add(import('@greenroom/plugin-environments-backend-module-kubernetes'));
backend.add(import('@greenroom/plugin-environments-backend-module-aws-rds'));
backend.add(import('@greenroom/plugin-environments-backend-module-github'));
backend.add(import('@greenroom/plugin-environments-backend-module-gitlab'));

backend.start();
