import { toAccessFilter } from './accessFilter';

const team = { owner: ['group:default/team-shop'] };
const dev = { mode: ['development' as const] };
const prod = { mode: ['production' as const] };

describe('toAccessFilter', () => {
  it('keeps a single rule', () => {
    expect(toAccessFilter(team)).toEqual({ anyOf: [{ allOf: [team] }] });
  });

  it('keeps anyOf as alternatives and allOf as a conjunction', () => {
    expect(toAccessFilter({ anyOf: [team, dev] })).toEqual({
      anyOf: [{ allOf: [team] }, { allOf: [dev] }],
    });
    expect(toAccessFilter({ allOf: [team, dev] })).toEqual({
      anyOf: [{ allOf: [team, dev] }],
    });
  });

  it('distributes allOf over anyOf', () => {
    expect(toAccessFilter({ allOf: [team, { anyOf: [dev, prod] }] })).toEqual({
      anyOf: [{ allOf: [team, dev] }, { allOf: [team, prod] }],
    });
  });

  it('pushes not down with De Morgan', () => {
    expect(toAccessFilter({ not: { anyOf: [team, prod] } })).toEqual({
      anyOf: [{ allOf: [{ not: team }, { not: prod }] }],
    });
    expect(toAccessFilter({ not: { allOf: [team, prod] } })).toEqual({
      anyOf: [{ allOf: [{ not: team }] }, { allOf: [{ not: prod }] }],
    });
    expect(toAccessFilter({ not: { not: team } })).toEqual({
      anyOf: [{ allOf: [team] }],
    });
  });

  it('denies everything for an empty anyOf', () => {
    expect(toAccessFilter({ anyOf: [] } as any)).toEqual({ allow: 'none' });
  });
});
