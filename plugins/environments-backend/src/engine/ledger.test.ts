import type { Service } from '@greenroom/plugin-environments-common';
import { serviceIntervals, serviceReservation } from './ledger';

function service(overrides: Partial<Service>): Service {
  return {
    name: 'api',
    kind: 'application',
    ports: [],
    resources: { cpu: '250m', memory: '256Mi' },
    replicas: 1,
    customDomains: [],
    variables: [],
    ...overrides,
  };
}

describe('serviceReservation', () => {
  it('counts CPU and memory per replica', () => {
    expect(
      serviceReservation(
        service({ resources: { cpu: '500m', memory: '1Gi' }, replicas: 3 }),
      ),
    ).toEqual({ cpuCores: 1.5, memoryGb: 3, storageGb: 0 });
  });

  it('reserves nothing but storage at zero replicas', () => {
    expect(
      serviceReservation(
        service({
          resources: { cpu: '1', memory: '1Gi', storage: '10Gi' },
          replicas: 0,
        }),
      ),
    ).toEqual({ cpuCores: 0, memoryGb: 0, storageGb: 10 });
  });

  it('takes storage of a container database from database.storageGb', () => {
    expect(
      serviceReservation(
        service({
          kind: 'database',
          database: {
            engine: 'postgresql',
            version: '16',
            mode: 'container',
            storageGb: 20,
          },
        }),
      ),
    ).toEqual({ cpuCores: 0.25, memoryGb: 0.25, storageGb: 20 });
  });

  it('prices a managed database by instance class and storage only', () => {
    expect(
      serviceReservation(
        service({
          kind: 'database',
          database: {
            engine: 'postgresql',
            version: '16',
            mode: 'managed',
            instanceClass: 'db.t4g.medium',
            storageGb: 50,
          },
        }),
      ),
    ).toEqual({
      cpuCores: 0,
      memoryGb: 0,
      storageGb: 50,
      instanceClass: 'db.t4g.medium',
    });
  });
});

describe('serviceIntervals', () => {
  it('opens one interval per service with its reservation and reason', () => {
    const intervals = serviceIntervals(
      {
        id: 'env-1',
        services: [
          service({ name: 'api' }),
          service({ name: 'web', replicas: 2 }),
        ],
      },
      'stopped',
      'auto-stop',
    );
    expect(intervals).toEqual([
      {
        environmentId: 'env-1',
        serviceName: 'api',
        state: 'stopped',
        cpuCores: 0.25,
        memoryGb: 0.25,
        storageGb: 0,
        reason: 'auto-stop',
      },
      {
        environmentId: 'env-1',
        serviceName: 'web',
        state: 'stopped',
        cpuCores: 0.5,
        memoryGb: 0.5,
        storageGb: 0,
        reason: 'auto-stop',
      },
    ]);
  });
});
