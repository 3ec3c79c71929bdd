import {
  type NamespaceAllocation,
  readAllocationResponse,
} from '@greenroom/plugin-environments-common';

/** The cluster cost allocation APIs Greenroom reads. */
export type ClusterCostType = 'opencost' | 'kubecost';

export interface ClusterCostSettings {
  type: ClusterCostType;
  /** e.g. `http://opencost.opencost:9003` or `http://kubecost-cost-analyzer.kubecost:9090`. */
  baseUrl: string;
  /** Longest wait for one answer, in ms. */
  timeoutMs: number;
  /** Largest answer read, in bytes; a larger one fails the day's query. */
  maxResponseBytes: number;
}

/** Where each API answers allocation queries (same query and answer shape). */
const ALLOCATION_PATH: Record<ClusterCostType, string> = {
  // https://opencost.io/docs/integrations/api
  opencost: '/allocation/compute',
  // https://docs.kubecost.com/apis/monitoring-apis/api-allocation
  kubecost: '/model/allocation',
};

async function readLimited(
  response: Response,
  maxBytes: number,
  url: string,
): Promise<string> {
  const length = Number(response.headers.get('content-length'));
  if (length > maxBytes) {
    throw new Error(`${url} answered ${length} bytes, more than ${maxBytes}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  // The body as it streams: a chunked answer has no length to check first.
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      throw new Error(`${url} answered more than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A cluster's real cost per namespace, from OpenCost's or Kubecost's
 * allocation API, for the daily rollup of Kubernetes environments.
 */
export class ClusterCostSource {
  readonly type: ClusterCostType;
  readonly #settings: ClusterCostSettings;

  constructor(settings: ClusterCostSettings) {
    this.type = settings.type;
    this.#settings = settings;
  }

  /** Identifies the source in the rollup's key: another cluster means other figures. */
  get key(): string {
    return `${this.type}:${this.#settings.baseUrl}`;
  }

  /**
   * Cost per namespace over `[from, to)`, accumulated. Throws when the API
   * cannot be reached, times out, answers other than 200 or more than the
   * size limit, or answers something else than an allocation set.
   */
  async namespaceCosts(
    from: Date,
    to: Date,
  ): Promise<Map<string, NamespaceAllocation>> {
    const { baseUrl, timeoutMs, maxResponseBytes } = this.#settings;
    const url = new URL(
      `${baseUrl.replace(/\/+$/, '')}${ALLOCATION_PATH[this.type]}`,
    );
    url.searchParams.set(
      'window',
      `${from.toISOString().replace('.000Z', 'Z')},${to
        .toISOString()
        .replace('.000Z', 'Z')}`,
    );
    url.searchParams.set('aggregate', 'namespace');
    url.searchParams.set('accumulate', 'true');
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`${url} answered HTTP ${response.status}`);
    }
    const text = await readLimited(response, maxResponseBytes, url.toString());
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${url} answered something else than JSON`);
    }
    return readAllocationResponse(body);
  }
}
