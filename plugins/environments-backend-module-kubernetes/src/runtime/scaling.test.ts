import { scaleDownPatch, scaleUpPatch } from './scaling';

const workload = (replicas: number, saved?: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'api',
    ...(saved !== undefined
      ? { annotations: { 'greenroom.dev/replicas': saved } }
      : {}),
  },
  spec: { replicas },
});

describe('scaleDownPatch', () => {
  it('remembers the count and scales to zero', () => {
    expect(scaleDownPatch(workload(3))).toEqual({
      metadata: { annotations: { 'greenroom.dev/replicas': '3' } },
      spec: { replicas: 0 },
    });
  });

  it('never overwrites a remembered count', () => {
    expect(scaleDownPatch(workload(0, '3'))).toBeUndefined();
    // Scaled up behind our back while stopped: back to zero, count kept.
    expect(scaleDownPatch(workload(2, '3'))).toEqual({ spec: { replicas: 0 } });
  });
});

describe('scaleUpPatch', () => {
  it('restores the remembered count and forgets it', () => {
    expect(scaleUpPatch(workload(0, '3'), 1)).toEqual({
      metadata: { annotations: { 'greenroom.dev/replicas': null } },
      spec: { replicas: 3 },
    });
  });

  it("falls back to the service's replicas", () => {
    expect(scaleUpPatch(workload(0, 'garbage'), 2)!.spec.replicas).toBe(2);
    expect(scaleUpPatch(workload(0), 2)).toEqual({ spec: { replicas: 2 } });
  });

  it('leaves running workloads alone', () => {
    expect(scaleUpPatch(workload(2), 1)).toBeUndefined();
  });
});
