import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/** An answer of the API server with an error status; `code` and `body` as the client's ApiException. */
export class KubernetesHttpError extends Error {
  constructor(readonly code: number, readonly body: unknown) {
    super(`HTTP ${code}`);
    this.name = 'KubernetesHttpError';
  }
}

export interface KubeRequest {
  method: 'GET' | 'PATCH' | 'DELETE';
  /** Path and query, e.g. `/apis/apps/v1/namespaces/ns/deployments/api?fieldManager=x`. */
  path: string;
  body?: unknown;
  contentType?: string;
  /** The answer as text (pod logs) instead of JSON. */
  text?: boolean;
  signal?: AbortSignal;
}

const CREDENTIALS_REUSE_MS = 1_000;

const TLS_OPTIONS = [
  'ca',
  'cert',
  'key',
  'pfx',
  'passphrase',
  'rejectUnauthorized',
  'servername',
] as const;

/**
 * JSON over HTTP(S) to one API server, on one keep-alive agent: what
 * @kubernetes/client-node's generic object API does, without its model
 * (de)serialisation or its new agent (so a new TCP and TLS connection) per
 * request. Credentials still come from the client's KubeConfig on every
 * request, so exec and file tokens are refreshed as the client does.
 */
export class KubeHttp {
  readonly #server: URL;
  readonly #kc: KubeConfig;
  #agent?: http.Agent;
  /** Credentials as last applied, and until when they are reused. */
  #credentials?: { options: https.RequestOptions; until: number };

  constructor(kc: KubeConfig) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    this.#server = new URL(cluster.server);
    this.#kc = kc;
  }

  async request(req: KubeRequest): Promise<unknown> {
    const options = await this.#credentialOptions();
    const body =
      req.body === undefined
        ? undefined
        : Buffer.from(JSON.stringify(req.body));
    const secure = this.#server.protocol === 'https:';
    const url = new URL(
      `${this.#server.pathname.replace(/\/$/, '')}${req.path}`,
      this.#server,
    );
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).request(
        url,
        {
          method: req.method,
          agent: this.#agentFor(options),
          signal: req.signal,
          headers: {
            ...(options.headers as Record<string, string>),
            accept: req.text ? '*/*' : 'application/json',
            ...(body && {
              'content-type': req.contentType ?? 'application/json',
              'content-length': String(body.length),
            }),
          },
        },
        response => {
          const chunks: Buffer[] = [];
          response.on('data', chunk => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = response.statusCode ?? 0;
            if (status >= 400) {
              reject(new KubernetesHttpError(status, text));
              return;
            }
            if (req.text) {
              resolve(text);
              return;
            }
            if (!text) {
              resolve(undefined);
              return;
            }
            try {
              resolve(JSON.parse(text));
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  /**
   * The KubeConfig's headers and TLS options. Reused for a second: the
   * requests of one burst share them, and exec or file tokens are refreshed
   * at most a second later than the client itself would.
   */
  async #credentialOptions(): Promise<https.RequestOptions> {
    const now = Date.now();
    if (this.#credentials && now < this.#credentials.until) {
      return this.#credentials.options;
    }
    const options: https.RequestOptions = { headers: {} };
    await this.#kc.applyToHTTPSOptions(options);
    this.#credentials = { options, until: now + CREDENTIALS_REUSE_MS };
    return options;
  }

  /**
   * One keep-alive agent with the cluster's TLS settings; behind a proxy,
   * the client's own (proxy) agent.
   */
  #agentFor(options: https.RequestOptions): http.Agent | undefined {
    if (this.#kc.getCurrentCluster()?.proxyUrl) {
      return options.agent as http.Agent | undefined;
    }
    if (!this.#agent) {
      const tls: Record<string, unknown> = {};
      for (const key of TLS_OPTIONS) {
        if (options[key] !== undefined) tls[key] = options[key];
      }
      this.#agent =
        this.#server.protocol === 'https:'
          ? new https.Agent({ ...tls, keepAlive: true })
          : new http.Agent({ keepAlive: true });
    }
    return this.#agent;
  }

  /** Closes idle connections (tests and shutdown). */
  close() {
    this.#agent?.destroy();
  }
}
