import type { Config } from '@backstage/config';

/** The key of app-config.yaml: public, so only ever for development. */
export const DEVELOPMENT_SECRETS_KEY =
  'greenroom-development-only-key-do-not-use-in-production';
const MIN_SECRETS_KEY_LENGTH = 32;

/**
 * `environments.secretsKeys` (newest first), else `environments.secretsKey`
 * as a list of one. Refuses short keys, and the development key of
 * app-config.yaml unless NODE_ENV is `development` or `test` (an unset
 * NODE_ENV counts as production).
 */
export function readSecretsKeys(
  config: Config,
  env: { NODE_ENV?: string } = process.env,
): string[] {
  const nodeEnv = env.NODE_ENV;
  const list = config.getOptionalStringArray('environments.secretsKeys');
  const keys = list
    ? list.map((key, i) => ({ key, name: `environments.secretsKeys[${i}]` }))
    : [
        {
          key: config.getString('environments.secretsKey'),
          name: 'environments.secretsKey',
        },
      ];
  if (keys.length === 0) {
    throw new Error(
      'environments.secretsKeys: at least one key is required (the first encrypts, all decrypt)',
    );
  }
  for (const { key, name } of keys) {
    if (key.length < MIN_SECRETS_KEY_LENGTH) {
      throw new Error(
        `${name}: must be at least ${MIN_SECRETS_KEY_LENGTH} characters long`,
      );
    }
    if (
      key === DEVELOPMENT_SECRETS_KEY &&
      nodeEnv !== 'development' &&
      nodeEnv !== 'test'
    ) {
      throw new Error(
        `${name}: the development key of app-config.yaml is public and must not be used outside development (NODE_ENV is ${
          nodeEnv ? `'${nodeEnv}'` : 'not set'
        }); set environments.secretsKey (or environments.secretsKeys) to a key of your own, e.g. from \`openssl rand -hex 32\``,
      );
    }
  }
  return keys.map(k => k.key);
}
