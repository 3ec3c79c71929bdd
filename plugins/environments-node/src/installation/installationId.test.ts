import { mockServices } from '@backstage/backend-test-utils';
import {
  INSTALLATION_LABEL,
  defaultInstallationId,
  readInstallationId,
} from './installationId';

const config = (data: object) => mockServices.rootConfig({ data });

describe('readInstallationId', () => {
  it('defaults to gr- and 8 hex of the sha256 of backend.baseUrl', () => {
    const id = readInstallationId(
      config({ backend: { baseUrl: 'https://portal.example.com' } }),
    );
    // sha256("https://portal.example.com")
    expect(id).toBe(
      `gr-${require('node:crypto')
        .createHash('sha256')
        .update('https://portal.example.com')
        .digest('hex')
        .slice(0, 8)}`,
    );
    expect(id).toMatch(/^gr-[0-9a-f]{8}$/);
    expect(id).toBe(defaultInstallationId('https://portal.example.com'));
    expect(
      readInstallationId(
        config({ backend: { baseUrl: 'https://other.example.com' } }),
      ),
    ).not.toBe(id);
  });

  it('takes environments.installationId when it is a DNS label of at most 20 characters', () => {
    expect(
      readInstallationId(
        config({
          backend: { baseUrl: 'https://portal.example.com' },
          environments: { installationId: 'acme-prod' },
        }),
      ),
    ).toBe('acme-prod');
    expect(
      readInstallationId(
        config({ environments: { installationId: 'a'.repeat(20) } }),
      ),
    ).toBe('a'.repeat(20));
  });

  it.each([['a'.repeat(21)], ['Acme'], ['acme_prod'], ['-acme'], ['acme-']])(
    'refuses %p, naming the key',
    installationId => {
      expect(() =>
        readInstallationId(config({ environments: { installationId } })),
      ).toThrow(/^environments\.installationId: must be a DNS label/);
    },
  );

  it('is the label and tag key greenroom.dev/installation', () => {
    expect(INSTALLATION_LABEL).toBe('greenroom.dev/installation');
  });
});
