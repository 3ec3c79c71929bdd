import { hasWriteAccess } from './access';

describe('hasWriteAccess', () => {
  it.each([
    [{ permission: 'admin', role_name: 'admin' }, true],
    [{ permission: 'write', role_name: 'maintain' }, true],
    [{ permission: 'write', role_name: 'write' }, true],
    [{ permission: 'read', role_name: 'triage' }, false],
    [{ permission: 'read', role_name: 'read' }, false],
    [{ permission: 'none', role_name: '' }, false],
    [undefined, false],
  ])('%j → %s', (permission, expected) => {
    expect(hasWriteAccess(permission)).toBe(expected);
  });
});
