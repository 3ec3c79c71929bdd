import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKubeConfig } from './config';
import { KubeHttp, KubernetesHttpError } from './KubeHttp';

// The first test loads the ESM-only client, which takes a while under jest.
jest.setTimeout(30_000);

describe('KubeHttp', () => {
  let server: http.Server;
  let connections = 0;
  const seen: Array<{ method?: string; url?: string; auth?: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({
        method: req.method,
        url: req.url,
        auth: req.headers.authorization,
      });
      req.resume();
      req.on('end', () => {
        if (req.url?.startsWith('/missing')) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ reason: 'NotFound', message: 'nope' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: req.url }));
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });

  const client = async () => {
    const { port } = server.address() as AddressInfo;
    const kc = await createKubeConfig({
      name: 'test',
      namespacePrefix: 'gr-',
      connection: {
        type: 'url',
        url: `http://127.0.0.1:${port}`,
        token: 'the-token',
        skipTLSVerify: true,
      },
    });
    return new KubeHttp(kc);
  };

  it('sends the token and reuses one connection for sequential requests', async () => {
    const kube = await client();
    connections = 0;
    for (let i = 0; i < 5; i++) {
      expect(
        await kube.request({ method: 'GET', path: `/api/v1/x${i}` }),
      ).toEqual({ ok: `/api/v1/x${i}` });
    }
    expect(connections).toBe(1);
    expect(seen.slice(-5).every(r => r.auth === 'Bearer the-token')).toBe(true);
    kube.close();
  });

  it('fails with the status as code and the answer as body', async () => {
    const kube = await client();
    const error = (await kube.request({ method: 'GET', path: '/missing' }).then(
      () => undefined,
      e => e,
    )) as KubernetesHttpError;
    expect(error).toBeInstanceOf(KubernetesHttpError);
    expect(error.code).toBe(404);
    expect(JSON.parse(String(error.body))).toEqual({
      reason: 'NotFound',
      message: 'nope',
    });
    kube.close();
  });
});
