import type { CostAmounts } from './amounts';

/**
 * One namespace's cost over a window as a cluster's cost allocation reports
 * it (OpenCost or Kubecost, aggregated by namespace and accumulated).
 *
 * @public
 */
export interface NamespaceAllocation {
  namespace: string;
  /** Volumes (persistent volumes) of the namespace. */
  pvCost: number;
  /** Everything the allocation charges the namespace, volumes included. */
  totalCost: number;
}

/** The allocation fields read, as both APIs name them. */
const COST_FIELDS = [
  'cpuCost',
  'gpuCost',
  'ramCost',
  'pvCost',
  'networkCost',
  'loadBalancerCost',
  'sharedCost',
  'externalCost',
  'totalCost',
] as const;

function fail(path: string, message: string): never {
  throw new TypeError(`Invalid allocation response, ${path}: ${message}`);
}

function costOf(value: unknown, path: string): number {
  // Absent cost kinds (e.g. no GPUs) count as 0.
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(path, `expected a non-negative number, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Reads the answer of OpenCost's `GET /allocation/compute` or Kubecost's
 * `GET /model/allocation` with `aggregate=namespace&accumulate=true`:
 * `{ code: 200, data: [ { "<namespace>": { name, properties: { namespace },
 * window, cpuCost, ramCost, pvCost, ..., totalCost } } ] }` (one set per
 * step; sets are added up). Throws a TypeError naming the first field that
 * does not have that shape.
 * See https://opencost.io/docs/integrations/api (Allocation API) and
 * https://opencost.io/docs/integrations/api-examples.
 *
 * @public
 */
export function readAllocationResponse(
  body: unknown,
): Map<string, NamespaceAllocation> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    fail('(body)', 'expected an object');
  }
  const { code, data, message } = body as Record<string, unknown>;
  if (code !== 200) {
    fail(
      'code',
      `expected 200, got ${JSON.stringify(code)}${
        typeof message === 'string' ? ` (${message})` : ''
      }`,
    );
  }
  if (!Array.isArray(data)) fail('data', 'expected an array of sets');
  const result = new Map<string, NamespaceAllocation>();
  data.forEach((set: unknown, index) => {
    // OpenCost answers null for a step without data.
    if (set === null) return;
    if (typeof set !== 'object' || Array.isArray(set)) {
      fail(`data[${index}]`, 'expected an object keyed by namespace');
    }
    for (const [key, value] of Object.entries(set as object)) {
      const path = `data[${index}].${key}`;
      if (value === null || typeof value !== 'object') {
        fail(path, 'expected an allocation object');
      }
      const allocation = value as Record<string, unknown>;
      const properties = allocation.properties as
        | Record<string, unknown>
        | undefined;
      const namespace =
        typeof properties?.namespace === 'string' ? properties.namespace : key;
      const costs = Object.fromEntries(
        COST_FIELDS.map(field => [
          field,
          costOf(allocation[field], `${path}.${field}`),
        ]),
      ) as Record<(typeof COST_FIELDS)[number], number>;
      if (allocation.totalCost === undefined) {
        fail(`${path}.totalCost`, 'missing');
      }
      const sum = result.get(namespace) ?? {
        namespace,
        pvCost: 0,
        totalCost: 0,
      };
      sum.pvCost += costs.pvCost;
      sum.totalCost += costs.totalCost;
      result.set(namespace, sum);
    }
  });
  return result;
}

/**
 * A day's amounts of a Kubernetes environment with the cluster's cost of its
 * namespace in place of the estimate: the allocation's total stands for
 * everything that runs in the cluster (its volumes as storage, the rest as
 * compute); managed databases run outside the cluster and keep their
 * estimate. Idle keeps the estimate's share of the total and idle hours;
 * savings stay what the rates say a stop saved (the cluster cannot price
 * what did not run).
 *
 * @public
 */
export function allocatedCostAmounts(
  estimate: CostAmounts,
  allocation: NamespaceAllocation,
): CostAmounts {
  const total = allocation.totalCost + estimate.database;
  const idleShare = estimate.total > 0 ? estimate.idle / estimate.total : 0;
  // total = compute + storage + database holds even for odd answers.
  const storage = Math.min(allocation.pvCost, allocation.totalCost);
  return {
    total,
    compute: allocation.totalCost - storage,
    storage,
    database: estimate.database,
    idle: total * idleShare,
    idleHours: estimate.idleHours,
    savings: estimate.savings,
  };
}
