import { entityRefLabel } from './entityRefs';

describe('entityRefLabel', () => {
  it('leaves out the default kind and namespace', () => {
    expect(entityRefLabel('group:default/team-shop', 'group')).toBe(
      'team-shop',
    );
    expect(entityRefLabel('system:default/shop', 'group')).toBe('system:shop');
    expect(entityRefLabel('group:other/ops', 'group')).toBe('other/ops');
  });

  it('shows what is not an entity ref as it is', () => {
    expect(entityRefLabel('', 'group')).toBe('');
  });
});
