import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  environments?: {
    /**
     * Pull request previews from GitHub events. Previews are off until this
     * block exists (it needs at least `actAs`). The webhook secret is not
     * here: the events module checks signatures with
     * `events.modules.github.webhookSecret`.
     */
    github?: {
      /**
       * The user the module acts as, e.g. `user:default/preview-bot`
       * (required; the backend refuses to start without it or with a ref
       * that is not a User). Every call to the environments API and the
       * catalog is authorized as this user by the organisation's permission
       * policy, never with the plugin's own service credentials. The user
       * must exist in the catalog, and its tokens come from the auth module
       * `@greenroom/plugin-auth-backend-module-greenroom-bot-provider`
       * (with `auth.providers.greenroom-bot: {}`). To link previews to pull
       * requests and keep the base's owner it needs `environments.admin`,
       * plus `environments.environment.clone` on the bases, `.create`, `.read`,
       * `.update`, `.lifecycle` and `.delete` on previews, and catalog read.
       */
      actAs: string;
      /**
       * The environments that may be preview bases (names). Default: any
       * environment a Component names in `greenroom.dev/preview-base`, except
       * production ones, which are never bases.
       */
      allowedBases?: string[];
      /**
       * Time to live of a preview, e.g. `3d`; each push to the pull request
       * renews it by this much. Default 3d.
       */
      previewTtl?: string;
      /**
       * The nightly reconcile, which destroys previews whose pull request is
       * closed or merged (a webhook that never arrived).
       */
      reconcile?: {
        /**
         * When it runs, as a scheduler task schedule (`frequency`, `timeout`,
         * `initialDelay`). Default: `{ frequency: { cron: '0 3 * * *' },
         * timeout: { minutes: 30 } }`.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
