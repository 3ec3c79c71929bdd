import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ActAsCredentials } from './ActAsCredentials';

const BOT = 'user:default/preview-bot';

/** What the auth backend's refresh route answers next. */
type Answer = { status: number; body: unknown };

/** An HTTP double of `/api/auth/greenroom-bot/refresh`. */
async function authBackend() {
  const requests: Array<{
    method?: string;
    url?: string;
    authorization?: string;
  }> = [];
  let answer: Answer = {
    status: 200,
    body: {
      backstageIdentity: {
        token: mockCredentials.user.token(BOT),
        expiresInSeconds: 3600,
      },
    },
  };
  const server: Server = createServer((req, res) => {
    requests.push({
      method: req.method,
      url: req.url,
      authorization: req.headers.authorization,
    });
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    requests,
    url: `http://127.0.0.1:${port}/api/auth`,
    answer: (next: Answer) => {
      answer = next;
    },
    stop: () => new Promise(r => server.close(r)),
  };
}

const error = (status: number, message: string): Answer => ({
  status,
  body: { error: { name: 'Error', message }, response: { statusCode: status } },
});

describe('ActAsCredentials', () => {
  let backend: Awaited<ReturnType<typeof authBackend>>;
  let now: number;

  beforeEach(async () => {
    backend = await authBackend();
    now = Date.parse('2025-11-20T09:00:00Z');
  });
  afterEach(() => backend.stop());

  function credentials(actAs = BOT) {
    return new ActAsCredentials({
      auth: mockServices.auth({ pluginId: 'environments' }),
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => backend.url,
      }),
      actAs,
      configKey: 'environments.github.actAs',
      now: () => now,
    });
  }

  it("gets the bot's user credentials with the environments plugin's token for auth", async () => {
    const creds = await credentials().get();
    expect(creds.principal).toEqual({ type: 'user', userEntityRef: BOT });
    expect(backend.requests).toEqual([
      {
        method: 'GET',
        url: '/api/auth/greenroom-bot/refresh?actAs=user%3Adefault%2Fpreview-bot',
        authorization: `Bearer ${mockCredentials.service.token({
          onBehalfOf: mockCredentials.service('plugin:environments'),
          targetPluginId: 'auth',
        })}`,
      },
    ]);
  });

  it('keeps them until five minutes before they expire, and asks once for concurrent callers', async () => {
    const bot = credentials();
    await Promise.all([bot.get(), bot.get(), bot.get()]);
    expect(backend.requests).toHaveLength(1);
    now += 54 * 60_000;
    await bot.get();
    expect(backend.requests).toHaveLength(1);
    now += 2 * 60_000;
    await bot.get();
    expect(backend.requests).toHaveLength(2);
  });

  it.each([
    [
      error(
        404,
        "User 'user:default/preview-bot' (environments.github.actAs) is not in the catalog",
      ),
      'user:default/preview-bot (environments.github.actAs) is not a User in the catalog',
    ],
    [
      error(404, "No auth provider registered for 'greenroom-bot'"),
      'add `auth.providers.greenroom-bot: {}` to the config',
    ],
    [
      error(404, "Unknown auth provider 'greenroom-bot'"),
      'install @greenroom/plugin-auth-backend-module-greenroom-bot-provider',
    ],
    [
      error(
        403,
        'Only the environments plugin may act as user:default/preview-bot',
      ),
      'the auth backend answered 403: Only the environments plugin may act',
    ],
    [
      { status: 200, body: { backstageIdentity: {} } },
      'answered without a token',
    ],
    [
      {
        status: 200,
        body: {
          backstageIdentity: {
            token: mockCredentials.user.token('user:default/someone-else'),
          },
        },
      },
      'issued a token for user:default/someone-else, not for user:default/preview-bot',
    ],
  ])('explains a refusal (%#)', async (answer, message) => {
    backend.answer(answer);
    await expect(credentials().get()).rejects.toThrow(message);
  });

  it('says when the auth backend cannot be reached', async () => {
    await backend.stop();
    await expect(credentials().get()).rejects.toThrow(
      'Could not reach the auth backend for the credentials of user:default/preview-bot',
    );
  });
});
