import { ConfigReader } from '@backstage/config';
import { readEnvironmentsConfig } from '../config';
import {
  checkCostLimits,
  checkCustomDomains,
  checkExpiry,
  checkPriority,
  checkRuntimeTarget,
  checkTtl,
  latestExpiry,
} from './limits';

const base = { secretsKey: 'test-secrets-key-that-is-long-enough' };
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-03-02T09:00:00.000Z');

function read(environments: object = {}) {
  return readEnvironmentsConfig(
    new ConfigReader({ environments: { ...base, ...environments } }),
  );
}

const service = (extra: object = {}) => ({
  name: 'web',
  resources: { cpu: '250m', memory: '256Mi' },
  replicas: 1,
  customDomains: [] as string[],
  variables: [] as unknown[],
  ...extra,
});

describe('environments.limits config', () => {
  it('has defaults a user would expect', () => {
    const { limits, ingressBaseDomain } = read();
    expect(limits.maxLifetime).toEqual({
      preview: { text: '14d', ms: 14 * DAY },
      development: { text: '90d', ms: 90 * DAY },
      staging: { text: '180d', ms: 180 * DAY },
      production: undefined,
    });
    expect(limits.maxPriority).toEqual({
      production: 100,
      staging: 70,
      development: 50,
      preview: 30,
    });
    expect(limits.runtimeTargets).toEqual({
      allowed: [],
      key: 'environments.kubernetes.clusters',
    });
    expect(limits.customDomainSuffixes).toEqual([]);
    expect(limits).toMatchObject({
      maxServices: 100,
      maxVariables: 200,
      maxCpu: { text: '16', value: 16 },
      maxMemory: { text: '64Gi', value: 64 },
      maxStorage: { text: '1Ti', value: 1024 },
      maxReplicas: 20,
    });
    expect(limits.managedDatabaseClasses.preview).toEqual(
      limits.managedDatabaseClasses.production,
    );
    expect(limits.managedDatabaseClasses.production).toEqual([
      'db.t4g.micro',
      'db.t4g.small',
      'db.t4g.medium',
      'db.m6g.large',
    ]);
    expect(ingressBaseDomain).toBeUndefined();
  });

  it('reads every key, and allows the configured clusters as targets', () => {
    const config = read({
      kubernetes: {
        clusters: [{ name: 'dev' }, { name: 'prod' }],
        ingress: { baseDomain: '.Preview.Example.com' },
      },
      prices: { managedDatabaseHourly: { 'db.r6g.large': 0.2 } },
      limits: {
        maxLifetime: {
          preview: '5d',
          production: '365d',
          staging: 'unlimited',
        },
        maxPriority: { preview: 20 },
        customDomainSuffixes: ['apps.example.com', '.Shop.example.com'],
        maxServices: 5,
        maxVariables: 10,
        maxCpu: '2',
        maxMemory: '4Gi',
        maxStorage: '100Gi',
        maxReplicas: 3,
        managedDatabaseClasses: { development: ['db.t4g.micro'] },
      },
    });
    const { limits } = config;
    expect(config.ingressBaseDomain).toBe('preview.example.com');
    expect(limits.runtimeTargets.allowed).toEqual(['dev', 'prod']);
    expect(limits.maxLifetime.preview).toEqual({ text: '5d', ms: 5 * DAY });
    expect(limits.maxLifetime.production).toEqual({
      text: '365d',
      ms: 365 * DAY,
    });
    expect(limits.maxLifetime.staging).toBeUndefined();
    expect(limits.maxPriority.preview).toBe(20);
    expect(limits.customDomainSuffixes).toEqual([
      'apps.example.com',
      'shop.example.com',
    ]);
    expect(limits.maxStorage.value).toBe(100);
    expect(limits.managedDatabaseClasses.development).toEqual(['db.t4g.micro']);
    expect(limits.managedDatabaseClasses.staging).toContain('db.r6g.large');

    expect(
      read({
        kubernetes: { clusters: [{ name: 'dev' }] },
        limits: { runtimeTargets: ['eu-1'] },
      }).limits.runtimeTargets,
    ).toEqual({ allowed: ['eu-1'], key: 'environments.limits.runtimeTargets' });
  });

  it.each([
    [
      { maxLifetime: { preview: '1.5d' } },
      /^environments\.limits\.maxLifetime\.preview: Invalid duration/,
    ],
    [
      { maxLifetime: { preview: '0m' } },
      /^environments\.limits\.maxLifetime\.preview: must be at least 1m/,
    ],
    [
      { maxPriority: { staging: 101 } },
      /^environments\.limits\.maxPriority\.staging: must be a whole number between 0 and 100/,
    ],
    [
      { maxServices: 0 },
      /^environments\.limits\.maxServices: must be a whole number of at least 1/,
    ],
    [{ maxReplicas: 2.5 }, /^environments\.limits\.maxReplicas:/],
    [
      { maxCpu: 'lots' },
      /^environments\.limits\.maxCpu: must be a positive quantity/,
    ],
    [
      { maxMemory: '0Gi' },
      /^environments\.limits\.maxMemory: must be a positive quantity/,
    ],
    [
      { customDomainSuffixes: ['*.example.com'] },
      /^environments\.limits\.customDomainSuffixes\[0\]: must be a DNS name/,
    ],
  ])('names the key of a bad limit %j', (limits, message) => {
    expect(() => read({ limits })).toThrow(message);
  });

  it('refuses mode defaults beyond the limits, naming the key', () => {
    expect(() => read({ policies: { preview: { ttl: '30d' } } })).toThrow(
      'environments.policies.preview.ttl: at most 14d (environments.limits.maxLifetime.preview)',
    );
    expect(() => read({ policies: { development: { priority: 90 } } })).toThrow(
      'environments.policies.development.priority: at most 50 (environments.limits.maxPriority.development)',
    );
    expect(() =>
      read({ kubernetes: { ingress: { baseDomain: 'not a domain' } } }),
    ).toThrow(/^environments\.kubernetes\.ingress\.baseDomain:/);
  });
});

describe('limit checks', () => {
  const { limits } = read({
    limits: { customDomainSuffixes: ['apps.example.com'] },
  });

  it('bounds ttl and expiry by the mode, naming the field and the key', () => {
    expect(() => checkTtl(limits, 'preview', '14d', 'ttl')).not.toThrow();
    expect(() => checkTtl(limits, 'preview', '15d', 'ttl')).toThrow(
      'ttl: at most 14d for preview environments (environments.limits.maxLifetime.preview)',
    );
    expect(() =>
      checkTtl(limits, 'production', '5214w', 'policy.ttl'),
    ).not.toThrow();
    expect(() =>
      checkExpiry(limits, 'development', NOW + 90 * DAY, NOW, 'expiresAt'),
    ).not.toThrow();
    expect(() =>
      checkExpiry(limits, 'development', NOW + 91 * DAY, NOW, 'by'),
    ).toThrow(
      /^by: the expiry would be 2026-06-01T09:00:00.000Z, but development environments expire at most 90d from now \(environments.limits.maxLifetime.development\)$/,
    );
    expect(latestExpiry(limits, 'preview', NOW)).toBe(
      '2026-03-16T09:00:00.000Z',
    );
    expect(latestExpiry(limits, 'production', NOW)).toBeUndefined();
  });

  it('caps the priority per mode', () => {
    expect(() => checkPriority(limits, 'preview', 30)).not.toThrow();
    expect(() => checkPriority(limits, 'preview', 31)).toThrow(
      'policy.priority: at most 30 for preview environments (environments.limits.maxPriority.preview)',
    );
  });

  it('allows only listed runtime targets, or none', () => {
    expect(() => checkRuntimeTarget(limits, { type: 'local' })).not.toThrow();
    expect(() =>
      checkRuntimeTarget(limits, { type: 'kubernetes', target: 'prod' }),
    ).toThrow(
      "runtime.target: 'prod' is not an allowed target; none is configured (environments.kubernetes.clusters)",
    );
    const listed = {
      ...limits,
      runtimeTargets: { allowed: ['dev'], key: 'k' },
    };
    expect(() =>
      checkRuntimeTarget(listed, { type: 'kubernetes', target: 'dev' }),
    ).not.toThrow();
    expect(() =>
      checkRuntimeTarget(listed, { type: 'kubernetes', target: 'prod' }),
    ).toThrow(
      "runtime.target: 'prod' is not an allowed target; allowed: dev (k)",
    );
  });

  it.each([
    [
      { services: Array.from({ length: 101 }, () => service()) },
      'services: at most 100 services per environment (environments.limits.maxServices)',
    ],
    [
      { variables: new Array(201).fill({}) },
      'variables: at most 200 variables per environment (environments.limits.maxVariables)',
    ],
    [
      { services: [service({ variables: new Array(201).fill({}) })] },
      'services.web.variables: at most 200 variables per service',
    ],
    [
      { services: [service({ resources: { cpu: '16001m', memory: '1Gi' } })] },
      'services.web.resources.cpu: at most 16 cores (environments.limits.maxCpu)',
    ],
    [
      { services: [service({ resources: { cpu: '1', memory: '65Gi' } })] },
      'services.web.resources.memory: at most 64Gi (environments.limits.maxMemory)',
    ],
    [
      {
        services: [
          service({ resources: { cpu: '1', memory: '1Gi', storage: '2Ti' } }),
        ],
      },
      'services.web.resources.storage: at most 1Ti (environments.limits.maxStorage)',
    ],
    [
      { services: [service({ database: { storageGb: 1025 } })] },
      'services.web.database.storageGb: at most 1Ti (environments.limits.maxStorage)',
    ],
    [
      { services: [service({ replicas: 21 })] },
      'services.web.replicas: at most 20 (environments.limits.maxReplicas)',
    ],
    [
      {
        services: [service({ database: { instanceClass: 'db.r6g.16xlarge' } })],
      },
      "services.web.database.instanceClass: 'db.r6g.16xlarge' is not allowed for preview environments; allowed: db.t4g.micro, db.t4g.small, db.t4g.medium, db.m6g.large (environments.limits.managedDatabaseClasses.preview)",
    ],
  ])('refuses what drives cost beyond the limits (%#)', (extra, message) => {
    expect(() =>
      checkCostLimits(limits, {
        mode: 'preview',
        services: [service()],
        variables: [],
        ...extra,
      }),
    ).toThrow(message);
  });

  it('accepts what is at the limits', () => {
    expect(() =>
      checkCostLimits(limits, {
        mode: 'staging',
        services: [
          service({
            resources: { cpu: '16', memory: '64Gi', storage: '1Ti' },
            replicas: 20,
            database: { instanceClass: 'db.m6g.large', storageGb: 1024 },
            variables: new Array(200).fill({}),
          }),
        ],
        variables: new Array(200).fill({}),
      }),
    ).not.toThrow();
  });

  describe('custom domains', () => {
    const check = (hosts: string[], existing: string[] = []) =>
      checkCustomDomains(
        limits,
        'preview.example.com',
        'pr-7',
        [{ name: 'web', customDomains: hosts }],
        new Set(existing),
      );

    it('allows hosts under an allowed suffix, and returns the new ones', () => {
      expect(
        check(
          ['shop.apps.example.com', 'apps.example.com', 'old.example.org'],
          ['old.example.org'],
        ),
      ).toEqual([
        {
          host: 'shop.apps.example.com',
          field: 'services.web.customDomains[0]',
        },
        { host: 'apps.example.com', field: 'services.web.customDomains[1]' },
      ]);
    });

    it.each([
      ['evil.com'],
      ['apps.example.com.evil.com'],
      ['xapps.example.com'],
    ])('refuses %s, which is not under an allowed suffix', host => {
      expect(() => check([host])).toThrow(
        `services.web.customDomains[0]: domain '${host}' is not under an allowed suffix (environments.limits.customDomainSuffixes)`,
      );
    });

    it('under the generated base domain, allows only hosts of its own name', () => {
      expect(check(['pr-7.preview.example.com'])).toHaveLength(1);
      expect(check(['web-pr-7.preview.example.com'])).toHaveLength(1);
      for (const host of [
        'web-staging.preview.example.com',
        'pr-77.preview.example.com',
        'a.web-pr-7.preview.example.com',
        'preview.example.com',
      ]) {
        expect(() => check([host])).toThrow(
          `services.web.customDomains[0]: domain '${host}' is under the generated base domain preview.example.com`,
        );
      }
    });

    it('refuses the same host twice in one request', () => {
      expect(() =>
        checkCustomDomains(limits, undefined, 'pr-7', [
          { name: 'web', customDomains: ['a.apps.example.com'] },
          { name: 'api', customDomains: ['a.apps.example.com'] },
        ]),
      ).toThrow(
        "services.api.customDomains[0]: domain 'a.apps.example.com' is also in services.web.customDomains[0]",
      );
    });
  });
});
