import { ConfigReader } from '@backstage/config';
import { readPreviewQuota } from './readPreviewQuota';

const read = (previews: object) =>
  readPreviewQuota(new ConfigReader({ environments: { previews } }));

describe('readPreviewQuota', () => {
  it('has no limit by default', () => {
    expect(read({})).toEqual({ systems: {}, teams: {} });
  });

  it('reads the limits per system and team, with refs as environments store them', () => {
    expect(
      read({
        quota: {
          perSystem: 5,
          perTeam: 3,
          systems: { 'system:default/shop': 8, payments: 2 },
          teams: { 'group:default/team-a': 6, 'user:default/ada': 1 },
        },
      }),
    ).toEqual({
      perSystem: 5,
      perTeam: 3,
      systems: { 'system:default/shop': 8, 'system:default/payments': 2 },
      teams: { 'group:default/team-a': 6, 'user:default/ada': 1 },
    });
  });

  it('still reads maxRunningPerSystem as the limit per system', () => {
    expect(read({ maxRunningPerSystem: 4 })).toMatchObject({ perSystem: 4 });
    // As from an environment variable.
    expect(read({ maxRunningPerSystem: '4' })).toMatchObject({ perSystem: 4 });
  });

  it.each([
    [
      { maxRunningPerSystem: 0 },
      'environments.previews.maxRunningPerSystem: must be a whole number of at least 1',
    ],
    [
      { maxRunningPerSystem: 2, quota: { perSystem: 3 } },
      'environments.previews.quota.perSystem: set it or environments.previews.maxRunningPerSystem (its former name), not both',
    ],
    [
      { quota: { perTeam: 1.5 } },
      'environments.previews.quota.perTeam: must be a whole number of at least 1',
    ],
    [
      { quota: { perSystem: 'five' } },
      "Unable to convert config value for key 'environments.previews.quota.perSystem'",
    ],
    [
      { quota: { systems: ['shop'] } },
      "environments.previews.quota.systems: must map system refs to limits, e.g. 'system:default/name': 5",
    ],
    [
      { quota: { systems: { shop: 0 } } },
      "environments.previews.quota.systems['shop']: must be a whole number of at least 1",
    ],
    [
      { quota: { teams: { 'component:default/web': 2 } } },
      "environments.previews.quota.teams['component:default/web']: must refer to a group or a user, not a component",
    ],
  ])('fails at startup on %j, naming the key', (previews, message) => {
    expect(() => read(previews)).toThrow(message);
  });
});
