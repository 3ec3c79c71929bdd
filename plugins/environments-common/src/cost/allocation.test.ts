import { allocatedCostAmounts, readAllocationResponse } from './allocation';
import answer from './__fixtures__/opencostAllocation.json';

describe('readAllocationResponse', () => {
  it('reads each namespace of an OpenCost answer aggregated by namespace', () => {
    const allocations = readAllocationResponse(answer);
    expect([...allocations.keys()]).toEqual(['gr-dev-ada', 'kube-system']);
    expect(allocations.get('gr-dev-ada')).toEqual({
      namespace: 'gr-dev-ada',
      pvCost: 0.0132,
      totalCost: 0.86371,
    });
  });

  it('adds up the sets of several steps and skips empty ones', () => {
    const set = answer.data[0];
    const allocations = readAllocationResponse({
      code: 200,
      data: [set, null, set],
    });
    expect(allocations.get('kube-system')?.totalCost).toBeCloseTo(0.96204, 10);
  });

  it('names the field of an answer it cannot read', () => {
    expect(() =>
      readAllocationResponse({ code: 500, message: 'prometheus down' }),
    ).toThrow('code: expected 200, got 500 (prometheus down)');
    expect(() => readAllocationResponse({ code: 200, data: {} })).toThrow(
      'data: expected an array of sets',
    );
    expect(() =>
      readAllocationResponse({
        code: 200,
        data: [{ web: { name: 'web', cpuCost: -1, totalCost: 1 } }],
      }),
    ).toThrow('data[0].web.cpuCost: expected a non-negative number, got -1');
    expect(() =>
      readAllocationResponse({
        code: 200,
        data: [{ web: { name: 'web', cpuCost: 1 } }],
      }),
    ).toThrow('data[0].web.totalCost: missing');
  });
});

describe('allocatedCostAmounts', () => {
  const estimate = {
    total: 3,
    compute: 1.5,
    storage: 0.5,
    database: 1,
    idle: 0.75,
    idleHours: 6,
    savings: 2,
  };

  it('puts the namespace total in place of what runs in the cluster', () => {
    const amounts = allocatedCostAmounts(estimate, {
      namespace: 'gr-dev-ada',
      pvCost: 0.25,
      totalCost: 4,
    });
    expect(amounts).toEqual({
      total: 5,
      compute: 3.75,
      storage: 0.25,
      database: 1,
      idle: 1.25,
      idleHours: 6,
      savings: 2,
    });
    expect(amounts.compute + amounts.storage + amounts.database).toBe(
      amounts.total,
    );
  });

  it('keeps the parts adding up when volumes cost more than the total', () => {
    const amounts = allocatedCostAmounts(
      { ...estimate, total: 0, idle: 0, database: 0 },
      { namespace: 'x', pvCost: 2, totalCost: 1 },
    );
    expect(amounts).toMatchObject({
      total: 1,
      compute: 0,
      storage: 1,
      idle: 0,
    });
  });
});
