import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the double received. */
export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  body?: any;
}

interface StoredComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

/**
 * An HTTP double of the GitHub REST API on 127.0.0.1, serving issue
 * comments, collaborator permissions and pull requests, and recording every
 * request.
 */
export class GithubApiDouble {
  readonly requests: RecordedRequest[] = [];
  /** `owner/repo#number` → comments */
  readonly comments = new Map<string, StoredComment[]>();
  /** `owner/repo:user` → permission answer */
  readonly permissions = new Map<
    string,
    { permission: string; role_name: string }
  >();
  /** `owner/repo#number` → pull request */
  readonly pulls = new Map<string, unknown>();
  /** `owner/repo:ref:path` → a file's text */
  readonly files = new Map<string, string>();
  #server?: Server;
  #nextId = 9000;
  url = '';

  async start(): Promise<this> {
    this.#server = createServer(async (req, res) => {
      const body = await readBody(req);
      const path = req.url ?? '';
      this.requests.push({
        method: req.method ?? 'GET',
        path,
        authorization: req.headers.authorization,
        body,
      });
      const answer = this.#route(req.method ?? 'GET', path, body);
      const raw = typeof answer.body === 'string';
      res.writeHead(answer.status, {
        'content-type': raw
          ? 'text/plain; charset=utf-8'
          : 'application/json; charset=utf-8',
      });
      res.end(
        raw
          ? (answer.body as string)
          : JSON.stringify(answer.body ?? { message: 'Not Found' }),
      );
    });
    await new Promise<void>(resolve =>
      this.#server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.#server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop() {
    await new Promise(resolve => this.#server?.close(resolve));
  }

  /** Requests that changed something (POST, PATCH). */
  writes() {
    return this.requests.filter(r => r.method !== 'GET');
  }

  commentsOf(repo: string, number: number): StoredComment[] {
    return this.comments.get(`${repo}#${number}`) ?? [];
  }

  #route(
    method: string,
    url: string,
    body: any,
  ): { status: number; body?: unknown } {
    const path = url.split('?')[0];
    let m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/);
    if (m) {
      const key = `${m[1]}/${m[2]}#${m[3]}`;
      const list = this.comments.get(key) ?? [];
      if (method === 'GET') return { status: 200, body: list };
      if (method === 'POST') {
        const comment = {
          id: this.#nextId++,
          body: body.body,
          user: { login: 'greenroom-bot', type: 'Bot' },
        };
        this.comments.set(key, [...list, comment]);
        return { status: 201, body: comment };
      }
    }
    m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/);
    if (m && method === 'PATCH') {
      const id = Number(m[3]);
      const comment = [...this.comments.values()].flat().find(c => c.id === id);
      if (!comment) return { status: 404 };
      comment.body = body.body;
      return { status: 200, body: comment };
    }
    m = path.match(
      /^\/repos\/([^/]+)\/([^/]+)\/collaborators\/([^/]+)\/permission$/,
    );
    if (m && method === 'GET') {
      const answer = this.permissions.get(`${m[1]}/${m[2]}:${m[3]}`);
      return answer ? { status: 200, body: answer } : { status: 404 };
    }
    m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/);
    if (m && method === 'GET') {
      const ref = new URLSearchParams(url.split('?')[1]).get('ref');
      const text = this.files.get(
        `${m[1]}/${m[2]}:${ref}:${decodeURIComponent(m[3])}`,
      );
      return text === undefined ? { status: 404 } : { status: 200, body: text };
    }
    m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/);
    if (m && method === 'GET') {
      const pr = this.pulls.get(`${m[1]}/${m[2]}#${m[3]}`);
      return pr ? { status: 200, body: pr } : { status: 404 };
    }
    return { status: 404 };
  }
}

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}
