export interface Config {
  auth?: {
    providers?: {
      /**
       * The bot users' provider: hands Backstage user tokens of
       * `environments.github.actAs` (pull request previews) and
       * `environments.wake.actAs` (waking on traffic) to the environments
       * plugin, and to no one else. The auth backend mounts it only while this key exists; it has
       * no settings, so `{}` will do.
       */
      'greenroom-bot'?: {
        [key: string]: never;
      };
    };
  };
}
