import { hasWriteAccess } from '@greenroom/plugin-environments-previews-node';
import { accessLevelOf } from './access';

describe('accessLevelOf', () => {
  it.each([
    [{ permission: 'admin', role_name: 'admin' }, 'admin', true],
    [{ permission: 'write', role_name: 'maintain' }, 'write', true],
    [{ permission: 'write', role_name: 'write' }, 'write', true],
    [{ permission: 'write', role_name: 'deployer' }, 'write', true],
    [{ permission: 'read', role_name: 'triage' }, 'read', false],
    [{ permission: 'read', role_name: 'read' }, 'read', false],
    [{ permission: 'none', role_name: '' }, 'none', false],
    [undefined, 'none', false],
  ])('%j → %s', (permission, level, writes) => {
    expect(accessLevelOf(permission)).toBe(level);
    expect(hasWriteAccess(accessLevelOf(permission))).toBe(writes);
  });
});
