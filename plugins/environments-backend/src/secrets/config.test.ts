import { ConfigReader } from '@backstage/config';
import {
  DEVELOPMENT_SECRETS_KEY,
  readEnvironmentsConfig,
  readSecretsKeys,
} from '../config';

const KEY_A = 'key-a-that-is-long-enough-for-the-secrets-box';
const KEY_B = 'key-b-that-is-long-enough-for-the-secrets-box';

const config = (environments: object) => new ConfigReader({ environments });

describe('secrets keys config', () => {
  it('reads secretsKey as a list of one, and secretsKeys newest first', () => {
    expect(readSecretsKeys(config({ secretsKey: KEY_A }))).toEqual([KEY_A]);
    expect(readSecretsKeys(config({ secretsKeys: [KEY_B, KEY_A] }))).toEqual([
      KEY_B,
      KEY_A,
    ]);
  });

  it('takes secretsKeys over secretsKey, so a layered config cannot add a stale key', () => {
    expect(
      readSecretsKeys(
        config({ secretsKey: DEVELOPMENT_SECRETS_KEY, secretsKeys: [KEY_B] }),
        { NODE_ENV: 'production' },
      ),
    ).toEqual([KEY_B]);
  });

  it('names the key that is too short or missing', () => {
    expect(() => readSecretsKeys(config({ secretsKey: 'short' }))).toThrow(
      'environments.secretsKey: must be at least 32 characters long',
    );
    expect(() =>
      readSecretsKeys(config({ secretsKeys: [KEY_A, 'short'] })),
    ).toThrow('environments.secretsKeys[1]: must be at least 32 characters');
    expect(() => readSecretsKeys(config({ secretsKeys: [] }))).toThrow(
      'environments.secretsKeys: at least one key is required',
    );
    expect(() => readSecretsKeys(config({}))).toThrow(
      'environments.secretsKey',
    );
  });

  it.each([['production'], ['staging'], [undefined]])(
    'refuses the development key of app-config.yaml when NODE_ENV is %p',
    nodeEnv => {
      expect(() =>
        readSecretsKeys(config({ secretsKey: DEVELOPMENT_SECRETS_KEY }), {
          NODE_ENV: nodeEnv,
        }),
      ).toThrow(
        /^environments\.secretsKey: the development key of app-config\.yaml is public/,
      );
      expect(() =>
        readSecretsKeys(
          config({ secretsKeys: [KEY_A, DEVELOPMENT_SECRETS_KEY] }),
          { NODE_ENV: nodeEnv },
        ),
      ).toThrow(/^environments\.secretsKeys\[1\]: the development key/);
    },
  );

  it.each([['development'], ['test']])(
    'accepts the development key when NODE_ENV is %p',
    nodeEnv => {
      expect(
        readSecretsKeys(config({ secretsKey: DEVELOPMENT_SECRETS_KEY }), {
          NODE_ENV: nodeEnv,
        }),
      ).toEqual([DEVELOPMENT_SECRETS_KEY]);
    },
  );

  it('is the key app-config.yaml ships', () => {
    const yaml = require('node:fs').readFileSync(
      require('node:path').resolve(__dirname, '../../../../app-config.yaml'),
      'utf8',
    );
    expect(yaml).toContain(`secretsKey: ${DEVELOPMENT_SECRETS_KEY}`);
  });

  it('re-encrypts hourly unless configured', () => {
    expect(
      readEnvironmentsConfig(config({ secretsKey: KEY_A }))
        .secretsReencryptFrequencyMs,
    ).toBe(3_600_000);
    const custom = readEnvironmentsConfig(
      config({ secretsKeys: [KEY_A], secrets: { reencryptFrequency: '10m' } }),
    );
    expect(custom.secretsReencryptFrequencyMs).toBe(600_000);
    expect(custom.secretsKeys).toEqual([KEY_A]);
    expect(() =>
      readEnvironmentsConfig(
        config({ secretsKey: KEY_A, secrets: { reencryptFrequency: 'soon' } }),
      ),
    ).toThrow('environments.secrets.reencryptFrequency');
  });
});
