import { compareTemplateVersions, templateUpgrade } from './templateVersions';

describe('compareTemplateVersions', () => {
  it('orders versions as semver does', () => {
    const sorted = [
      '0.9.0',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.2.0',
      '1.10.0',
      '2.0.0',
    ];
    const shuffled = [...sorted].reverse();
    expect(shuffled.sort(compareTemplateVersions)).toEqual(sorted);
  });

  it('treats equal versions and build metadata as equal', () => {
    expect(compareTemplateVersions('1.2.3', '1.2.3')).toBe(0);
    expect(compareTemplateVersions('1.2.3+build.5', '1.2.3')).toBe(0);
    expect(compareTemplateVersions('2.0.0-rc.1', '2.0.0')).toBeLessThan(0);
    expect(compareTemplateVersions('2.0.0', '1.99.99')).toBeGreaterThan(0);
  });

  it('rejects text that is not a version', () => {
    expect(() => compareTemplateVersions('1.2', '1.2.0')).toThrow(
      '"1.2" is not a semantic version',
    );
  });
});

describe('templateUpgrade', () => {
  const available = [
    { version: '1.4.2', lifecycle: 'deprecated' as const },
    { version: '2.0.0', lifecycle: 'production' as const },
    { version: '2.1.0', lifecycle: 'production' as const },
    { version: '3.0.0', lifecycle: 'deprecated' as const },
  ];

  it('is current on the latest non-deprecated version', () => {
    expect(templateUpgrade({ version: '2.1.0' }, available)).toEqual({
      status: 'current',
      latest: '2.1.0',
    });
  });

  it('is outdated when a newer non-deprecated version exists', () => {
    expect(
      templateUpgrade('servicetemplate:default/postgresql@2.0.0', available),
    ).toEqual({ status: 'outdated', latest: '2.1.0' });
  });

  it('is deprecated when the version in use is deprecated', () => {
    expect(templateUpgrade('1.4.2', available)).toEqual({
      status: 'deprecated',
      latest: '2.1.0',
    });
    expect(templateUpgrade('3.0.0', available)).toEqual({
      status: 'deprecated',
      latest: '2.1.0',
    });
  });

  it('does not call a release outdated by its own pre-release', () => {
    expect(
      templateUpgrade('2.0.0', [
        { version: '2.0.0', lifecycle: 'production' },
        { version: '2.0.0-rc.1', lifecycle: 'experimental' },
      ]),
    ).toEqual({ status: 'current', latest: '2.0.0' });
    expect(
      templateUpgrade('2.0.0-rc.1', [
        { version: '2.0.0', lifecycle: 'production' },
        { version: '2.0.0-rc.1', lifecycle: 'experimental' },
      ]),
    ).toEqual({ status: 'outdated', latest: '2.0.0' });
  });

  it('has no latest when every version is deprecated', () => {
    expect(
      templateUpgrade('1.0.0', [{ version: '1.0.0', lifecycle: 'deprecated' }]),
    ).toEqual({ status: 'deprecated', latest: undefined });
    expect(templateUpgrade('1.0.0', [])).toEqual({
      status: 'current',
      latest: undefined,
    });
  });
});
