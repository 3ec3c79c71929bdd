import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { authModuleGreenroomBotProvider } from './module';

const BOT = 'user:default/preview-bot';
const REFRESH = '/api/auth/greenroom-bot/refresh';

const bot: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'preview-bot' },
  spec: { memberOf: ['platform-bots'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/platform-bots' }],
};

const config = {
  app: { baseUrl: 'http://localhost:3000' },
  auth: { providers: { 'greenroom-bot': {} } },
  environments: { github: { actAs: BOT } },
};

async function start(options: { data?: object; entities?: Entity[] } = {}) {
  const { server } = await startTestBackend({
    features: [
      import('@backstage/plugin-auth-backend'),
      authModuleGreenroomBotProvider,
      mockServices.rootConfig.factory({ data: options.data ?? config }),
      catalogServiceMock.factory({ entities: options.entities ?? [bot] }),
    ],
  });
  return server;
}

/** A service token of `subject` aimed at `target`. */
const serviceToken = (subject: string, target = 'auth') =>
  mockCredentials.service.token({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: target,
  });

describe('authModuleGreenroomBotProvider', () => {
  it('issues a user token of the actAs user, with its catalog ownership, to the environments plugin', async () => {
    const server = await start();
    const res = await request(server)
      .get(REFRESH)
      .set('authorization', `Bearer ${serviceToken('plugin:environments')}`);
    expect(res.status).toBe(200);
    const { backstageIdentity } = res.body;
    expect(backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: BOT,
      ownershipEntityRefs: [BOT, 'group:default/platform-bots'],
    });
    expect(backstageIdentity.expiresInSeconds).toBeGreaterThan(60);
    // A real Backstage user token, signed by the auth backend.
    const [, payload] = backstageIdentity.token.split('.');
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual(
      expect.objectContaining({ sub: BOT }),
    );
  });

  it.each([
    ['no token', undefined, 401],
    ['a token that is not one', 'Bearer not-a-token', 401],
    [
      "the environments plugin's token for another plugin",
      `Bearer ${serviceToken('plugin:environments', 'catalog')}`,
      401,
    ],
    ['another plugin', `Bearer ${serviceToken('plugin:scaffolder')}`, 403],
    ['a user', `Bearer ${mockCredentials.user.token(BOT)}`, 403],
    [
      'another user',
      `Bearer ${mockCredentials.user.token('user:default/mallory')}`,
      403,
    ],
  ])('refuses %s', async (_, authorization, status) => {
    const server = await start();
    const req = request(server).post(REFRESH);
    if (authorization) req.set('authorization', authorization);
    const res = await req;
    expect(res.status).toBe(status);
    expect(res.body.backstageIdentity).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toMatch(/eyJ/);
  });

  it('says when the actAs user is not in the catalog', async () => {
    const server = await start({ entities: [] });
    const res = await request(server)
      .get(REFRESH)
      .set('authorization', `Bearer ${serviceToken('plugin:environments')}`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      `User '${BOT}' (environments.github.actAs) is not in the catalog`,
    );
  });

  it('issues tokens of the wake user too, asked by name, and of no one else', async () => {
    const wakeBot: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'wake-bot' },
      spec: { memberOf: [] },
    };
    const server = await start({
      data: {
        ...config,
        environments: {
          github: { actAs: BOT },
          wake: { actAs: 'wake-bot' },
        },
      },
      entities: [bot, wakeBot],
    });
    const token = `Bearer ${serviceToken('plugin:environments')}`;
    const wake = await request(server)
      .get(`${REFRESH}?actAs=user:default/wake-bot`)
      .set('authorization', token);
    expect(wake.status).toBe(200);
    expect(wake.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/wake-bot',
    );
    // without a name, the previews bot as before
    const preview = await request(server)
      .get(REFRESH)
      .set('authorization', token);
    expect(preview.body.backstageIdentity.identity.userEntityRef).toBe(BOT);

    const other = await request(server)
      .get(`${REFRESH}?actAs=user:default/admin`)
      .set('authorization', token);
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(
      /user:default\/admin is not a user the environments plugin may act as/,
    );
    expect(other.body.backstageIdentity).toBeUndefined();
  });

  it('serves the wake user alone when only it is configured', async () => {
    const server = await start({
      data: { ...config, environments: { wake: { actAs: BOT } } },
    });
    const res = await request(server)
      .get(REFRESH)
      .set('authorization', `Bearer ${serviceToken('plugin:environments')}`);
    expect(res.status).toBe(200);
  });

  it('is off without any bot user', async () => {
    const server = await start({
      data: { ...config, environments: {} },
    });
    const res = await request(server)
      .get(REFRESH)
      .set('authorization', `Bearer ${serviceToken('plugin:environments')}`);
    expect(res.status).toBe(404);
    expect(res.body.backstageIdentity).toBeUndefined();
  });

  it('refuses to start with an actAs that is not a user ref', async () => {
    await expect(
      start({
        data: {
          ...config,
          environments: { github: { actAs: 'group:default/bots' } },
        },
      }),
    ).rejects.toThrow(
      "Invalid environments.github.actAs: 'group:default/bots' is not a user entity ref",
    );
  });
});
