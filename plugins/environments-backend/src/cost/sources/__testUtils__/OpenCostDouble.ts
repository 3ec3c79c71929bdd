import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the double charges one namespace for one UTC day. */
export interface DayCost {
  cpuCost: number;
  ramCost: number;
  pvCost: number;
  networkCost?: number;
  loadBalancerCost?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An OpenCost (or Kubecost) allocation API on 127.0.0.1 that answers
 * `aggregate=namespace&accumulate=true` queries over whole UTC days in the
 * documented shape (https://opencost.io/docs/integrations/api), from the
 * costs the test sets per day and namespace.
 */
export class OpenCostDouble {
  /** `2026-01-05` → namespace → cost. */
  readonly days = new Map<string, Record<string, DayCost>>();
  readonly requests: string[] = [];
  /** What the next answers are: the allocation, an error status, a hang or an oversized body. */
  mode: 'answer' | 'error' | 'hang' | 'huge' = 'answer';
  readonly #server: http.Server;
  readonly #path: string;

  private constructor(path: string) {
    this.#path = path;
    this.#server = http.createServer((req, res) => this.#handle(req, res));
  }

  static async start(path = '/allocation/compute'): Promise<OpenCostDouble> {
    const double = new OpenCostDouble(path);
    double.#server.listen(0, '127.0.0.1');
    await once(double.#server, 'listening');
    return double;
  }

  get baseUrl(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    this.#server.close();
    await once(this.#server, 'close');
  }

  /** The namespace's totalCost as the double computes it. */
  static totalOf(cost: DayCost): number {
    return (
      cost.cpuCost +
      cost.ramCost +
      cost.pvCost +
      (cost.networkCost ?? 0) +
      (cost.loadBalancerCost ?? 0)
    );
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    this.requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (this.mode === 'hang') return;
    if (this.mode === 'error') {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 500, message: 'prometheus unreachable' }));
      return;
    }
    if (url.pathname !== this.#path) {
      res.writeHead(404).end();
      return;
    }
    if (this.mode === 'huge') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"code":200,"data":[{${' '.repeat(2_000_000)}}]}`);
      return;
    }
    const [start, end] = (url.searchParams.get('window') ?? '').split(',');
    const from = Date.parse(start);
    const to = Date.parse(end);
    if (
      url.searchParams.get('aggregate') !== 'namespace' ||
      url.searchParams.get('accumulate') !== 'true' ||
      !Number.isFinite(from) ||
      !Number.isFinite(to)
    ) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 400, message: 'bad query' }));
      return;
    }
    const set: Record<string, unknown> = {};
    for (let day = from; day < to; day += DAY_MS) {
      const costs = this.days.get(new Date(day).toISOString().slice(0, 10));
      for (const [namespace, cost] of Object.entries(costs ?? {})) {
        const previous = set[namespace] as Record<string, number> | undefined;
        const entry = allocation(namespace, cost, start, end);
        if (previous) {
          for (const key of Object.keys(entry)) {
            if (typeof entry[key] === 'number') {
              (entry as Record<string, number>)[key] += previous[key];
            }
          }
        }
        set[namespace] = entry;
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 200, data: [set] }));
  }
}

/** One allocation with the fields OpenCost documents for aggregate=namespace. */
function allocation(
  namespace: string,
  cost: DayCost,
  start: string,
  end: string,
): Record<string, any> {
  return {
    name: namespace,
    properties: { cluster: 'default-cluster', namespace },
    window: { start, end },
    start,
    end,
    minutes: 1440,
    cpuCoreHours: cost.cpuCost / 0.031611,
    cpuCost: cost.cpuCost,
    cpuCostAdjustment: 0,
    gpuHours: 0,
    gpuCost: 0,
    gpuCostAdjustment: 0,
    networkCost: cost.networkCost ?? 0,
    networkCostAdjustment: 0,
    loadBalancerCost: cost.loadBalancerCost ?? 0,
    loadBalancerCostAdjustment: 0,
    pvByteHours: (cost.pvCost / 0.0000548) * 1024 ** 3,
    pvCost: cost.pvCost,
    pvCostAdjustment: 0,
    ramByteHours: (cost.ramCost / 0.004237) * 1024 ** 3,
    ramCost: cost.ramCost,
    ramCostAdjustment: 0,
    sharedCost: 0,
    externalCost: 0,
    totalCost: OpenCostDouble.totalOf(cost),
  };
}
