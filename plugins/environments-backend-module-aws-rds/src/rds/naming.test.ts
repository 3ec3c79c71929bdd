import {
  greenroomTags,
  identifierTimestamp,
  toDbInstanceIdentifier,
} from './naming';

describe('toDbInstanceIdentifier', () => {
  it('prefixes environment and service', () => {
    expect(toDbInstanceIdentifier('staging', 'orders-db')).toBe(
      'gr-staging-orders-db',
    );
  });

  it('keeps within 63 characters without a trailing or double hyphen', () => {
    const id = toDbInstanceIdentifier('a'.repeat(40), `x-${'b'.repeat(30)}`);
    expect(id.length).toBeLessThanOrEqual(63);
    expect(id).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
    expect(id).not.toContain('--');
    const cutAtHyphen = toDbInstanceIdentifier('e'.repeat(56), 'db');
    expect(cutAtHyphen.endsWith('-')).toBe(false);
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
  it('adds environment id, owner and mode when known', () => {
    expect(
      greenroomTags(
        'dev-ada',
        'orders-db',
        {},
        {
          environmentId: 'env-1',
          owner: 'group:default/shop',
          mode: 'development',
        },
      ),
    ).toEqual([
      { Key: 'greenroom.dev/managed-by', Value: 'greenroom' },
      { Key: 'greenroom.dev/environment', Value: 'dev-ada' },
      { Key: 'greenroom.dev/service', Value: 'orders-db' },
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
