export interface Config {
  auth?: {
    providers?: {
      /**
       * The previews bot's provider: hands Backstage user tokens of
       * `environments.github.actAs` to the environments plugin, and to no one
       * else. The auth backend mounts it only while this key exists; it has
       * no settings, so `{}` will do.
       */
      'greenroom-bot'?: {
        [key: string]: never;
      };
    };
  };
}
