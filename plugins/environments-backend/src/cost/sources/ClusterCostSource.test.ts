import { ClusterCostSource } from './ClusterCostSource';
import { OpenCostDouble } from './__testUtils__/OpenCostDouble';

const day = (d: number) => new Date(Date.UTC(2026, 0, d));

describe('ClusterCostSource', () => {
  let double: OpenCostDouble;
  beforeEach(async () => {
    double = await OpenCostDouble.start();
    double.days.set('2026-01-05', {
      'gr-dev-ada': { cpuCost: 0.5, ramCost: 0.25, pvCost: 0.125 },
      'kube-system': { cpuCost: 1, ramCost: 1, pvCost: 0 },
    });
    double.days.set('2026-01-06', {
      'gr-dev-ada': {
        cpuCost: 1,
        ramCost: 0.5,
        pvCost: 0.125,
        loadBalancerCost: 0.5,
      },
    });
  });
  afterEach(() => double.stop());

  const source = (
    overrides: Partial<{ timeoutMs: number; maxResponseBytes: number }> = {},
  ) =>
    new ClusterCostSource({
      type: 'opencost',
      baseUrl: `${double.baseUrl}/`,
      timeoutMs: 2000,
      maxResponseBytes: 1_000_000,
      ...overrides,
    });

  it('asks OpenCost for the window aggregated by namespace and reads each namespace', async () => {
    const costs = await source().namespaceCosts(day(5), day(7));
    expect(double.requests).toEqual([
      '/allocation/compute?window=2026-01-05T00%3A00%3A00Z%2C2026-01-07T00%3A00%3A00Z&aggregate=namespace&accumulate=true',
    ]);
    expect(costs.get('gr-dev-ada')).toEqual({
      namespace: 'gr-dev-ada',
      pvCost: 0.25,
      totalCost: 3,
    });
    expect(costs.get('kube-system')?.totalCost).toBe(2);
  });

  it('asks Kubecost at /model/allocation', async () => {
    const kubecost = await OpenCostDouble.start('/model/allocation');
    try {
      kubecost.days.set('2026-01-05', {
        'gr-dev-ada': { cpuCost: 2, ramCost: 0, pvCost: 0 },
      });
      const costs = await new ClusterCostSource({
        type: 'kubecost',
        baseUrl: kubecost.baseUrl,
        timeoutMs: 2000,
        maxResponseBytes: 1_000_000,
      }).namespaceCosts(day(5), day(6));
      expect(costs.get('gr-dev-ada')?.totalCost).toBe(2);
    } finally {
      await kubecost.stop();
    }
  });

  it('fails on an error status, a timeout, an oversized answer or no server', async () => {
    double.mode = 'error';
    await expect(source().namespaceCosts(day(5), day(6))).rejects.toThrow(
      /allocation\/compute\?window=.* answered HTTP 500/,
    );
    double.mode = 'huge';
    await expect(
      source({ maxResponseBytes: 100_000 }).namespaceCosts(day(5), day(6)),
    ).rejects.toThrow(/answered (2000\d+ bytes, )?more than 100000/);
    double.mode = 'hang';
    await expect(
      source({ timeoutMs: 200 }).namespaceCosts(day(5), day(6)),
    ).rejects.toThrow(/timeout|aborted/i);
    const url = double.baseUrl;
    await double.stop();
    double = await OpenCostDouble.start();
    await expect(
      new ClusterCostSource({
        type: 'opencost',
        baseUrl: url,
        timeoutMs: 2000,
        maxResponseBytes: 1000,
      }).namespaceCosts(day(5), day(6)),
    ).rejects.toThrow();
  });
});
