import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the double received. */
export interface RecordedRequest {
  method: string;
  path: string;
  token?: string;
  body?: any;
}

interface StoredNote {
  id: number;
  body: string;
  system: boolean;
  author: { id: number; username: string };
}

/**
 * An HTTP double of GitLab's REST API (v4) on 127.0.0.1, under `prefix`
 * (GitLab's `/api/v4`, or a self-managed instance's path): merge requests,
 * project members, merge request notes and raw repository files, recording
 * every request with its token (`Authorization: Bearer`, which GitLab takes
 * for personal, project and group access tokens).
 */
export class GitlabApiDouble {
  readonly requests: RecordedRequest[] = [];
  /** `project path!iid` → notes */
  readonly notes = new Map<string, StoredNote[]>();
  /** `project path:user id` → access level */
  readonly members = new Map<string, number>();
  /** `project path!iid` → merge request */
  readonly mergeRequests = new Map<string, unknown>();
  /** `project path:ref:file path` → text */
  readonly files = new Map<string, string>();
  /** Notes per page, to exercise pagination. */
  notesPerPage = 100;
  #server?: Server;
  #nextId = 7000;
  url = '';

  constructor(private readonly prefix = '/api/v4') {}

  /** The `apiBaseUrl` of an integration that points here. */
  get apiBaseUrl(): string {
    return `${this.url}${this.prefix}`;
  }

  async start(): Promise<this> {
    this.#server = createServer(async (req, res) => {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://double');
      this.requests.push({
        method: req.method ?? 'GET',
        path: `${url.pathname}${url.search}`,
        token: req.headers.authorization?.replace(/^Bearer /, ''),
        body,
      });
      const answer = url.pathname.startsWith(`${this.prefix}/`)
        ? this.#route(
            req.method ?? 'GET',
            url.pathname.slice(this.prefix.length),
            url.searchParams,
            body,
          )
        : { status: 404 };
      const text =
        typeof answer.body === 'string'
          ? answer.body
          : JSON.stringify(answer.body ?? { message: '404 Not Found' });
      res.writeHead(answer.status, {
        'content-type':
          typeof answer.body === 'string' ? 'text/plain' : 'application/json',
        ...answer.headers,
      });
      res.end(text);
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

  /** Requests that changed something (POST, PUT). */
  writes() {
    return this.requests.filter(r => r.method !== 'GET');
  }

  notesOf(project: string, iid: number): StoredNote[] {
    return this.notes.get(`${project}!${iid}`) ?? [];
  }

  #route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: any,
  ): { status: number; body?: unknown; headers?: Record<string, string> } {
    // Project ids are URL-encoded paths: one segment each.
    let m = path.match(/^\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes$/);
    if (m) {
      const key = `${decodeURIComponent(m[1])}!${m[2]}`;
      const list = this.notes.get(key) ?? [];
      if (method === 'GET') {
        const page = Number(query.get('page') ?? '1');
        const per = Math.min(
          Number(query.get('per_page') ?? '20'),
          this.notesPerPage,
        );
        const slice = list.slice((page - 1) * per, page * per);
        const more = page * per < list.length;
        return {
          status: 200,
          body: slice,
          headers: more ? { 'x-next-page': String(page + 1) } : {},
        };
      }
      if (method === 'POST') {
        const note = {
          id: this.#nextId++,
          body: body.body,
          system: false,
          author: { id: 99, username: 'greenroom-bot' },
        };
        this.notes.set(key, [...list, note]);
        return { status: 201, body: note };
      }
    }
    m = path.match(
      /^\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes\/(\d+)$/,
    );
    if (m && method === 'PUT') {
      const id = Number(m[3]);
      const note = this.notesOf(decodeURIComponent(m[1]), Number(m[2])).find(
        n => n.id === id,
      );
      if (!note) return { status: 404 };
      note.body = body.body;
      return { status: 200, body: note };
    }
    m = path.match(/^\/projects\/([^/]+)\/members\/all\/(\d+)$/);
    if (m && method === 'GET') {
      const level = this.members.get(`${decodeURIComponent(m[1])}:${m[2]}`);
      return level === undefined
        ? { status: 404 }
        : {
            status: 200,
            body: {
              id: Number(m[2]),
              username: `user${m[2]}`,
              access_level: level,
            },
          };
    }
    m = path.match(/^\/projects\/([^/]+)\/merge_requests\/(\d+)$/);
    if (m && method === 'GET') {
      const mr = this.mergeRequests.get(`${decodeURIComponent(m[1])}!${m[2]}`);
      return mr ? { status: 200, body: mr } : { status: 404 };
    }
    m = path.match(/^\/projects\/([^/]+)\/repository\/files\/([^/]+)\/raw$/);
    if (m && method === 'GET') {
      const text = this.files.get(
        `${decodeURIComponent(m[1])}:${query.get('ref')}:${decodeURIComponent(
          m[2],
        )}`,
      );
      return text === undefined ? { status: 404 } : { status: 200, body: text };
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
