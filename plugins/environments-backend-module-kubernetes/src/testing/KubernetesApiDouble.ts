import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP-level double of the Kubernetes API server, served on
 * 127.0.0.1, for tests that drive the real @kubernetes/client-node. It keeps
 * namespaces in memory, checks the bearer token and honours label selectors.
 */
export class KubernetesApiDouble {
  readonly token: string;
  readonly requests: Array<{ method: string; path: string }> = [];
  readonly #namespaces = new Map<string, any>();
  readonly #server: http.Server;
  #resourceVersion = 1;

  private constructor(token: string) {
    this.token = token;
    this.#server = http.createServer((req, res) => this.#handle(req, res));
  }

  static async start(options: { token?: string } = {}) {
    const double = new KubernetesApiDouble(options.token ?? 'test-token');
    await new Promise<void>(resolve =>
      double.#server.listen(0, '127.0.0.1', resolve),
    );
    return double;
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise(resolve => this.#server.close(resolve));
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://double');
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const status = (code: number, reason: string, message: string) =>
      send(code, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason,
        message,
        code,
      });

    if (req.headers.authorization !== `Bearer ${this.token}`) {
      status(401, 'Unauthorized', 'Unauthorized');
      return;
    }
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      if (url.pathname === '/version') {
        send(200, { major: '1', minor: '31', gitVersion: 'v1.31.0-double' });
        return;
      }
      if (url.pathname === '/api/v1/namespaces') {
        if (req.method === 'GET') {
          const selector = parseLabelSelector(
            url.searchParams.get('labelSelector'),
          );
          const items = [...this.#namespaces.values()].filter(ns =>
            matches(ns.metadata.labels ?? {}, selector),
          );
          send(200, {
            kind: 'NamespaceList',
            apiVersion: 'v1',
            metadata: { resourceVersion: String(this.#resourceVersion) },
            items,
          });
          return;
        }
        if (req.method === 'POST') {
          const ns = JSON.parse(body);
          const name = ns?.metadata?.name;
          if (this.#namespaces.has(name)) {
            status(409, 'AlreadyExists', `namespaces "${name}" already exists`);
            return;
          }
          const created = {
            apiVersion: 'v1',
            kind: 'Namespace',
            ...ns,
            metadata: {
              ...ns.metadata,
              resourceVersion: String(++this.#resourceVersion),
            },
            status: { phase: 'Active' },
          };
          this.#namespaces.set(name, created);
          send(201, created);
          return;
        }
      }
      const one = url.pathname.match(/^\/api\/v1\/namespaces\/([^/]+)$/);
      if (one) {
        const ns = this.#namespaces.get(one[1]);
        if (!ns) {
          status(404, 'NotFound', `namespaces "${one[1]}" not found`);
          return;
        }
        if (req.method === 'DELETE') {
          this.#namespaces.delete(one[1]);
        }
        send(200, ns);
        return;
      }
      status(
        404,
        'NotFound',
        `the server could not find the requested resource ${url.pathname}`,
      );
    });
  }
}

type Selector = Array<{
  key: string;
  op: '=' | '!=' | 'exists';
  value?: string;
}>;

function parseLabelSelector(text: string | null): Selector {
  if (!text) return [];
  return text.split(',').map(part => {
    const neq = part.split('!=');
    if (neq.length === 2)
      return { key: neq[0].trim(), op: '!=' as const, value: neq[1].trim() };
    const eq = part.split(/==?/);
    if (eq.length === 2)
      return { key: eq[0].trim(), op: '=' as const, value: eq[1].trim() };
    return { key: part.trim(), op: 'exists' as const };
  });
}

function matches(labels: Record<string, string>, selector: Selector): boolean {
  return selector.every(({ key, op, value }) => {
    if (op === 'exists') return key in labels;
    if (op === '=') return labels[key] === value;
    return labels[key] !== value;
  });
}
