import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  environments?: {
    /**
     * Pull request previews from GitHub events. Previews are off until this
     * block exists (it may be empty). The webhook secret is not here: the
     * events module checks signatures with `events.modules.github.webhookSecret`.
     */
    github?: {
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
