import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  environments?: {
    /**
     * Merge request previews from GitLab events. Previews are off until this
     * block exists (it needs at least `actAs`). The webhook secret is not
     * here: the events module checks the `X-Gitlab-Token` against
     * `events.modules.gitlab.webhookSecret`, and the GitLab API is called
     * with the token and `apiBaseUrl` of `integrations.gitlab`.
     */
    gitlab?: {
      /**
       * The user the module acts as, e.g. `user:default/preview-bot`
       * (required; the backend refuses to start without it or with a ref
       * that is not a User). Every call to the environments API and the
       * catalog is authorized as this user by the organisation's permission
       * policy, never with the plugin's own service credentials; its tokens
       * come from `@greenroom/plugin-auth-backend-module-greenroom-bot-provider`.
       * It needs the same permissions as the GitHub module's bot.
       */
      actAs: string;
      /**
       * The environments that may be preview bases (names). Default: any
       * environment a Component names in `greenroom.dev/preview-base`, except
       * production ones, which are never bases.
       */
      allowedBases?: string[];
      /**
       * Time to live of a preview, e.g. `3d`; each push to the merge request
       * renews it by this much. Default 3d.
       */
      previewTtl?: string;
      /**
       * The nightly reconcile, which destroys previews whose merge request is
       * closed or merged (a webhook that never arrived).
       */
      reconcile?: {
        /**
         * When it runs, as a scheduler task schedule. Default:
         * `{ frequency: { cron: '0 3 * * *' }, timeout: { minutes: 30 } }`.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
