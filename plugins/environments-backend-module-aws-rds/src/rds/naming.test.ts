import {
  greenroomTags,
  identifierTimestamp,
  legacyDbInstanceIdentifier,
  toDbInstanceIdentifier,
} from './naming';

const identity = (
  environmentName: string,
  serviceName: string,
  more: { installationId?: string; environmentId?: string } = {},
) => ({
  installationId: more.installationId ?? 'gr-test0001',
  environmentId: more.environmentId ?? 'env-1',
  environmentName,
  serviceName,
});

describe('toDbInstanceIdentifier', () => {
  it('is gr-<environment>-<service> and a hash of the exact identity', () => {
    const id = toDbInstanceIdentifier(identity('staging', 'orders-db'));
    expect(id).toMatch(/^gr-staging-orders-db-[0-9a-f]{8}$/);
    // Stable: the same database gets the same name every time.
    expect(toDbInstanceIdentifier(identity('staging', 'orders-db'))).toBe(id);
  });

  it('keeps services apart whose readable names are the same', () => {
    const pairs: Array<[string, string, string, string]> = [
      // a + b-c and a-b + c
      ['shop', 'dev-db', 'shop-dev', 'db'],
      // _ and . became - in the first releases
      ['a', 'b_c', 'a', 'b-c'],
      ['a', 'b.c', 'a', 'b-c'],
      // long names cut to the same prefix
      [
        'e'.repeat(40),
        `${'s'.repeat(21)}1`,
        'e'.repeat(40),
        `${'s'.repeat(21)}2`,
      ],
    ];
    for (const [env1, service1, env2, service2] of pairs) {
      expect(legacyDbInstanceIdentifier(env1, service1)).toBe(
        legacyDbInstanceIdentifier(env2, service2),
      );
      expect(toDbInstanceIdentifier(identity(env1, service1))).not.toBe(
        toDbInstanceIdentifier(identity(env2, service2)),
      );
    }
  });

  it('differs per installation and per environment id (an earlier environment of the same name)', () => {
    const base = toDbInstanceIdentifier(identity('staging', 'orders-db'));
    expect(
      toDbInstanceIdentifier(
        identity('staging', 'orders-db', { installationId: 'portal-b' }),
      ),
    ).not.toBe(base);
    expect(
      toDbInstanceIdentifier(
        identity('staging', 'orders-db', { environmentId: 'env-2' }),
      ),
    ).not.toBe(base);
  });

  it('keeps within 63 characters, starting with a letter, without a trailing or double hyphen', () => {
    for (const [env, service] of [
      ['a'.repeat(40), `x-${'b'.repeat(20)}`],
      ['e'.repeat(50), 'db'],
      ['e'.repeat(53), 'db'],
      ['shop', 'db'],
    ]) {
      const id = toDbInstanceIdentifier(identity(env, service));
      expect(id.length).toBeLessThanOrEqual(63);
      expect(id).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
      expect(id).not.toContain('--');
    }
  });
});

describe('legacyDbInstanceIdentifier', () => {
  it('is the name of the first releases', () => {
    expect(legacyDbInstanceIdentifier('staging', 'orders-db')).toBe(
      'gr-staging-orders-db',
    );
    const cutAtHyphen = legacyDbInstanceIdentifier('e'.repeat(56), 'db');
    expect(cutAtHyphen.endsWith('-')).toBe(false);
    expect(cutAtHyphen.length).toBeLessThanOrEqual(63);
  });
});

describe('greenroomTags', () => {
  it('marks ownership and cannot be overridden by extra tags', () => {
    expect(
      greenroomTags('dev-ada', 'orders-db', {
        team: 'shop',
        'greenroom.dev/managed-by': 'someone-else',
      }),
    ).toEqual([
      { Key: 'team', Value: 'shop' },
      { Key: 'greenroom.dev/managed-by', Value: 'greenroom' },
      { Key: 'greenroom.dev/environment', Value: 'dev-ada' },
      { Key: 'greenroom.dev/service', Value: 'orders-db' },
    ]);
  });
});

describe('greenroomTags with ownership details', () => {
  it('adds installation, environment id, owner and mode when known', () => {
    expect(
      greenroomTags(
        'dev-ada',
        'orders-db',
        {},
        {
          installationId: 'gr-test0001',
          environmentId: 'env-1',
          owner: 'group:default/shop',
          mode: 'development',
        },
      ),
    ).toEqual([
      { Key: 'greenroom.dev/managed-by', Value: 'greenroom' },
      { Key: 'greenroom.dev/environment', Value: 'dev-ada' },
      { Key: 'greenroom.dev/service', Value: 'orders-db' },
      { Key: 'greenroom.dev/installation', Value: 'gr-test0001' },
      { Key: 'greenroom.dev/environment-id', Value: 'env-1' },
      { Key: 'greenroom.dev/owner', Value: 'group:default/shop' },
      { Key: 'greenroom.dev/mode', Value: 'development' },
    ]);
  });
});

describe('identifierTimestamp', () => {
  it('is a compact UTC time that RDS accepts in identifiers', () => {
    expect(identifierTimestamp(new Date('2026-11-23T13:45:07.999Z'))).toBe(
      '20261123t134507',
    );
  });
});
