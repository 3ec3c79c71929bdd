import { provisionedOf } from './provisioned';
import type { Workload } from './scope';

const pod = (
  status: object,
  resources: object = { requests: { cpu: '250m', memory: '512Mi' } },
  metadata: object = {},
): Workload => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', ...metadata },
  spec: { containers: [{ name: 'c', resources }] },
  status,
});
const claim = (spec: string, capacity?: string): Workload => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data' },
  spec: { resources: { requests: { storage: spec } } },
  ...(capacity && { status: { capacity: { storage: capacity } } }),
});
const scheduled = {
  phase: 'Pending',
  conditions: [{ type: 'PodScheduled', status: 'True' }],
};

describe('provisionedOf', () => {
  it('counts the requests of pods that hold a node reservation, and only those', () => {
    expect(
      provisionedOf(
        [
          pod({ phase: 'Running' }),
          pod(scheduled),
          pod({ phase: 'Pending' }), // not scheduled yet
          pod({ phase: 'Succeeded' }),
          pod({ phase: 'Running' }, undefined, {
            deletionTimestamp: '2026-12-07T12:00:00Z',
          }),
        ],
        [],
      ),
    ).toEqual({ replicas: 2, cpuCores: 0.5, memoryGb: 1, storageGb: 0 });
  });

  it('takes a limit where no request is set, as Kubernetes does', () => {
    expect(
      provisionedOf([pod({ phase: 'Running' }, { limits: { cpu: '1' } })], []),
    ).toMatchObject({ cpuCores: 1, memoryGb: 0 });
  });

  it('sums claims by their bound capacity, else their request', () => {
    expect(
      provisionedOf([], [claim('2Gi'), claim('2Gi', '8Gi')])?.storageGb,
    ).toBe(10);
  });

  it('says nothing rather than a wrong number when a quantity cannot be read', () => {
    expect(provisionedOf([], [claim('1e3')])).toBeUndefined();
  });
});
