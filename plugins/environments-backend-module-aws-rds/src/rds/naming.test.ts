import { greenroomTags, toDbInstanceIdentifier } from './naming';

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
