import {
  defaultCloneOwner,
  groupsOf,
  mayOwn,
  OWNER_HELP,
  ownerChoices,
  ownerHelp,
} from './owners';

const groups = [
  { ref: 'group:default/platform', label: 'Platform' },
  { ref: 'group:default/team-shop', label: 'Team Shop' },
];

describe('owner choices', () => {
  it("takes the groups of the user's ownership refs", () => {
    expect(
      groupsOf([
        'user:default/ada',
        'group:default/team-shop',
        'Group:default/Ops',
      ]),
    ).toEqual(['group:default/team-shop', 'Group:default/Ops']);
  });

  it('offers a member their own groups, named as the catalog names them', () => {
    expect(
      ownerChoices({
        groups,
        memberOf: ['group:default/Team-Shop', 'group:default/ops'],
        isAdmin: false,
      }),
    ).toEqual([
      { ref: 'group:default/team-shop', label: 'Team Shop' },
      { ref: 'group:default/ops', label: 'ops' },
    ]);
  });

  it('offers an admin every group', () => {
    expect(ownerChoices({ groups, memberOf: [], isAdmin: true })).toEqual(
      groups,
    );
  });

  it('compares owners case-insensitively, as the backend does', () => {
    expect(
      mayOwn('group:default/Team-Shop', ['group:default/team-shop'], false),
    ).toBe(true);
    expect(
      mayOwn('group:default/platform', ['group:default/team-shop'], false),
    ).toBe(false);
    expect(mayOwn('group:default/platform', [], true)).toBe(true);
  });

  it("starts a clone with the source's owner only when the user may use it", () => {
    const memberOf = ['group:default/team-payments', 'group:default/team-shop'];
    expect(defaultCloneOwner('group:default/Team-Shop', memberOf, false)).toBe(
      'group:default/team-shop',
    );
    expect(defaultCloneOwner('group:default/platform', memberOf, false)).toBe(
      'group:default/team-payments',
    );
    expect(defaultCloneOwner('group:default/platform', memberOf, true)).toBe(
      'group:default/platform',
    );
    expect(defaultCloneOwner('group:default/platform', [], false)).toBe('');
  });

  it('says why the choices are what they are', () => {
    expect(ownerHelp(groups, true)).toBe(OWNER_HELP.admin);
    expect(ownerHelp(groups, false)).toBe(OWNER_HELP.member);
    expect(ownerHelp([], false)).toBe(OWNER_HELP.none);
  });
});
