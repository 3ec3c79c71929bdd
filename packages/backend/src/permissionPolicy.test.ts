import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { GreenroomExamplePolicy } from './permissionPolicy';

const policy = new GreenroomExamplePolicy({
  adminGroups: ['group:default/platform'],
  previewBot: 'user:default/preview-bot',
  wakeBot: 'user:default/wake-bot',
});

const resource = (name: string, action: 'read' | 'update' | 'delete') =>
  createPermission({
    name,
    attributes: { action },
    resourceType: 'environment',
  });
const basic = (name: string) => createPermission({ name, attributes: {} });

function user(ref: string, groups: string[] = []): PolicyQueryUser {
  return {
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
  } as unknown as PolicyQueryUser;
}

const ada = user('user:default/ada', ['group:default/team-shop']);
const bot = user('user:default/preview-bot');
const grace = user('user:default/grace', ['group:default/platform']);

describe('GreenroomExamplePolicy', () => {
  it('lets admins do everything', async () => {
    for (const p of [
      basic('environments.admin'),
      basic('environments.environment.production'),
      resource('environments.environment.delete', 'delete'),
    ]) {
      expect(await policy.handle({ permission: p }, grace)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('gives admin rights to the preview bot only, production to nobody else', async () => {
    const admin = { permission: basic('environments.admin') };
    expect((await policy.handle(admin, bot)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await policy.handle(admin, ada)).result).toBe(AuthorizeResult.DENY);
    const production = {
      permission: basic('environments.environment.production'),
    };
    expect((await policy.handle(production, bot)).result).toBe(
      AuthorizeResult.DENY,
    );
    expect((await policy.handle(production, ada)).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('lets users read everything and change only what their groups own', async () => {
    const read = resource('environments.environment.read', 'read');
    expect((await policy.handle({ permission: read }, ada)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    const update = resource('environments.environment.update', 'update');
    expect(await policy.handle({ permission: update }, ada)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'environments',
      resourceType: 'environment',
      conditions: {
        rule: 'IS_OWNER',
        resourceType: 'environment',
        params: { owners: ['user:default/ada', 'group:default/team-shop'] },
      },
    });
  });

  it('keeps the preview bot away from production environments', async () => {
    const clone = resource('environments.environment.clone', 'read');
    expect(await policy.handle({ permission: clone }, bot)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'environments',
      resourceType: 'environment',
      conditions: {
        not: {
          rule: 'HAS_MODE',
          resourceType: 'environment',
          params: { modes: ['production'] },
        },
      },
    });
  });

  it('lets the wake bot start preview and development environments, and nothing else', async () => {
    const wakeBot = user('user:default/wake-bot');
    const lifecycle = resource('environments.environment.lifecycle', 'update');
    expect(await policy.handle({ permission: lifecycle }, wakeBot)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'environments',
      resourceType: 'environment',
      conditions: {
        rule: 'HAS_MODE',
        resourceType: 'environment',
        params: { modes: ['preview', 'development'] },
      },
    });
    for (const permission of [
      resource('environments.environment.update', 'update'),
      resource('environments.environment.delete', 'delete'),
      resource('environments.environment.read', 'read'),
      basic('environments.admin'),
      basic('environments.environment.create'),
    ]) {
      expect(await policy.handle({ permission }, wakeBot)).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it("leaves other plugins' permissions allowed", async () => {
    expect(
      (await policy.handle({ permission: basic('catalog.entity.create') }, ada))
        .result,
    ).toBe(AuthorizeResult.ALLOW);
  });
});
